package dev.ilpconnector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerConfigTest {

    static LedgerConfig load(Map<String, String> keys) {
        return LedgerConfig.load(k -> Optional.ofNullable(keys.get(k)));
    }

    @Test
    void anExplicitDirectoryWins() {
        assertEquals(Optional.of(Path.of("/var/lib/ilp/ledger")), load(Map.of(
                "ledger.dir", "/var/lib/ilp/ledger", "server.output.dir", "/srv")).dir());
    }

    @Test
    void noneMeansMemoryOnly() {
        LedgerConfig c = load(Map.of("ledger.dir", "None", "server.output.dir", "/srv"));
        assertFalse(c.durable());
    }

    @Test
    void defaultsBelowTheServersOutputDirectory() {
        assertEquals(Optional.of(Path.of("/wlp/usr/servers/x/ledger")),
                load(Map.of("server.output.dir", "/wlp/usr/servers/x")).dir());
        assertEquals(Optional.of(Path.of("/payara/domain1/ledger")),
                load(Map.of("com.sun.aas.instanceRoot", "/payara/domain1")).dir());
    }

    @Test
    void aRelativeDirectoryIsMadeAbsolute() {
        assertEquals(Optional.of(Path.of("data/ledger").toAbsolutePath()),
                load(Map.of("ledger.dir", "data/./ledger")).dir());
    }

    @Test
    void withNothingToGoByStartUpStopsNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertEquals("ledger.dir", e.key());
        assertEquals("config error: ledger.dir is missing: a directory for the ledger journal,"
                + " or 'none' to keep balances in memory only", e.getMessage());
    }

    @Test
    void anUnusablePathIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of("ledger.dir", "bad\0path")));
        assertEquals("ledger.dir", e.key());
    }
}
