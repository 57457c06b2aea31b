package dev.ilpconnector.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the embedded ledger keeps its journal ({@code ledger.dir}, env {@code LEDGER_DIR}).
 *
 * @param dir the journal's directory, absolute; empty: memory only ({@code LEDGER_DIR=none})
 */
public record LedgerConfig(Optional<Path> dir) {

    public static final String LEDGER_DIR = "ledger.dir";
    /** The value that keeps balances in memory only. */
    public static final String NONE = "none";
    /**
     * Fallbacks when {@code ledger.dir} is unset: Liberty's server output directory (a
     * server.xml variable, which Liberty's MicroProfile Config exposes) and Payara's instance
     * root (a system property); the journal goes into {@code ledger/} below it.
     */
    static final String LIBERTY_OUTPUT_DIR = "server.output.dir";
    static final String PAYARA_INSTANCE_ROOT = "com.sun.aas.instanceRoot";

    public boolean durable() {
        return dir.isPresent();
    }

    /** @throws ConfigException naming {@code ledger.dir} when it is unusable or undecidable */
    public static LedgerConfig load(Function<String, Optional<String>> lookup) {
        ConfigReader in = new ConfigReader(lookup);
        Optional<String> raw = in.optional(LEDGER_DIR);
        if (raw.isEmpty()) {
            Optional<String> serverDir = in.optional(LIBERTY_OUTPUT_DIR)
                    .or(() -> in.optional(PAYARA_INSTANCE_ROOT));
            if (serverDir.isEmpty()) {
                throw new ConfigException(LEDGER_DIR, "is missing: a directory for the ledger"
                        + " journal, or '" + NONE + "' to keep balances in memory only");
            }
            raw = Optional.of(serverDir.get() + "/ledger");
        }
        if (raw.get().equalsIgnoreCase(NONE)) {
            return new LedgerConfig(Optional.empty());
        }
        Path dir = in.parse(LEDGER_DIR, raw.get(), LedgerConfig::path);
        return new LedgerConfig(Optional.of(dir));
    }

    private static Path path(String raw) {
        try {
            return Path.of(raw).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("must be a directory path or '" + NONE + "'");
        }
    }
}
