package dev.ilpconnector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TigerBeetleConfigTest {

    private final Map<String, String> values = new HashMap<>();

    private TigerBeetleConfig load() {
        return TigerBeetleConfig.load(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void noAddressesMeansTheEmbeddedLedger() {
        TigerBeetleConfig config = load();
        assertFalse(config.enabled());
        assertEquals(BigInteger.ZERO, config.clusterId());
        assertEquals(Duration.ofSeconds(1), config.callTimeout());
    }

    @Test
    void addressesSelectTigerBeetle() {
        values.put("tigerbeetle.addresses", "127.0.0.1:3033, 3034");
        values.put("tigerbeetle.cluster-id", "340282366920938463463374607431768211455");
        values.put("tigerbeetle.request-timeout-ms", "500");
        TigerBeetleConfig config = load();
        assertTrue(config.enabled());
        assertEquals(List.of("127.0.0.1:3033", "3034"), config.addresses());
        assertEquals(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE), config.clusterId());
        assertEquals(Duration.ofMillis(500), config.callTimeout());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tigerbeetle.addresses|host/3033|tigerbeetle.addresses must be comma-separated",
        "tigerbeetle.cluster-id|-1|tigerbeetle.cluster-id must be an integer 0..2^128-1",
        "tigerbeetle.cluster-id|340282366920938463463374607431768211456|tigerbeetle.cluster-id",
        "tigerbeetle.request-timeout-ms|0|tigerbeetle.request-timeout-ms must be an integer",
    })
    void aBadValueNamesItsKey(String key, String value, String message) {
        values.put(key, value);
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertTrue(e.getMessage().startsWith("config error: " + message), e.getMessage());
    }
}
