package dev.ilpconnector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExplorerConfigTest {

    private static ExplorerConfig load(Map<String, String> values) {
        return ExplorerConfig.load(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void defaults() {
        assertEquals(new ExplorerConfig(5_000, 16L << 20, 16_384, 20), load(Map.of()));
    }

    @Test
    void aBadValueNamesItsKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of(ExplorerConfig.LOG_PACKETS, "lots")));
        assertEquals(true, e.getMessage().contains("explorer.log.packets"), e.getMessage());
        assertThrows(ConfigException.class, () -> load(Map.of(ExplorerConfig.LOG_BYTES, "-1")));
        assertThrows(ConfigException.class, () -> load(Map.of(ExplorerConfig.LOG_PACKETS, "0")));
        assertThrows(ConfigException.class, () -> load(Map.of(ExplorerConfig.RING_EVENTS, "1")));
    }
}
