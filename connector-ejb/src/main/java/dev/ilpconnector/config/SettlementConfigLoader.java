package dev.ilpconnector.config;

import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.settlement.SettlementPolicy;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Each peer's {@link SettlementPolicy} from config keys. Global defaults keep the TypeScript
 * connector's names ({@code SETTLEMENT_ENABLED}, {@code SETTLEMENT_THRESHOLD}); per peer,
 * {@code peer.<id>.settle-threshold} and {@code peer.<id>.settle-to}. docs/configuration.md
 * lists them.
 */
public final class SettlementConfigLoader {

    private static final Logger LOG = Logger.getLogger(SettlementConfigLoader.class.getName());

    public static final String ENABLED = "settlement.enabled";
    public static final String THRESHOLD = "settlement.threshold";
    public static final String PREFERENCE = "settlement.preference";
    public static final String DIR = "settlement.dir";

    private static final String NO_EVM = "is evm but " + EvmSettlementConfig.PRIVATE_KEY
            + " and the contract addresses are not set";

    /** The TypeScript connector's default: 1 token of 6 decimals, in base units. */
    static final long THRESHOLD_DEFAULT = 1_000_000;

    private SettlementConfigLoader() {
    }

    /** @throws ConfigException naming the first bad key */
    public static Map<String, SettlementPolicy> load(Function<String, Optional<String>> lookup,
                                                     List<PeerConfig> peers) {
        ConfigReader in = new ConfigReader(lookup);
        boolean enabled = in.bool(ENABLED).orElse(true);
        long threshold = in.longValue(THRESHOLD, 1, Long.MAX_VALUE, THRESHOLD_DEFAULT);
        Map<String, SettlementPolicy> policies = new HashMap<>();
        for (PeerConfig peer : peers) {
            policies.put(peer.id(), policy(in, peer, enabled, threshold));
        }
        return Map.copyOf(policies);
    }

    /**
     * Each peer's engine: {@code peer.<id>.settlement}, else {@code SETTLEMENT_PREFERENCE}
     * ({@code evm} by default). With no EVM key set at all, the default falls back to manual
     * with one warning; a peer or preference that asks for EVM explicitly then stops start-up.
     *
     * @param ledgerDir the ledger journal's directory; {@code SETTLEMENT_DIR} defaults to its
     *                  sibling {@code settlement}
     * @throws ConfigException naming the first bad key
     */
    public static SettlementChoice engines(Function<String, Optional<String>> lookup,
                                           List<PeerConfig> peers, Optional<Path> ledgerDir) {
        ConfigReader in = new ConfigReader(lookup);
        Optional<String> preferenceSet = in.optional(PREFERENCE);
        SettlementChoice.Engine preference = engine(PREFERENCE, preferenceSet.orElse("evm"));
        boolean evmWanted = EvmSettlementConfig.wanted(lookup);
        if (preference == SettlementChoice.Engine.EVM && !evmWanted) {
            if (preferenceSet.isPresent()) {
                throw new ConfigException(PREFERENCE, NO_EVM);
            }
            LOG.warning("event=settlement_manual no EVM settlement configured (EVM_PRIVATE_KEY,"
                    + " M2M_TOKEN_ADDRESS, TOKEN_NETWORK_REGISTRY): every peer settles by hand");
            preference = SettlementChoice.Engine.MANUAL;
        }
        Map<String, SettlementChoice.Engine> byPeer = new HashMap<>();
        for (PeerConfig peer : peers) {
            String key = "peer." + peer.id() + ".settlement";
            SettlementChoice.Engine engine = in.optional(key).map(raw -> engine(key, raw))
                    .orElse(preference);
            if (engine == SettlementChoice.Engine.EVM && !evmWanted) {
                throw new ConfigException(key, NO_EVM);
            }
            byPeer.put(peer.id(), engine);
        }
        boolean evm = byPeer.containsValue(SettlementChoice.Engine.EVM);
        Optional<Path> dir = dir(in, ledgerDir);
        if (evm && dir.isEmpty()) {
            throw new ConfigException(DIR, "must be a directory: EVM settlement keeps signed"
                    + " claims on disk");
        }
        return new SettlementChoice(byPeer,
                evm ? Optional.of(EvmSettlementConfig.load(lookup)) : Optional.empty(), dir);
    }

    private static SettlementChoice.Engine engine(String key, String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "evm" -> SettlementChoice.Engine.EVM;
            case "manual" -> SettlementChoice.Engine.MANUAL;
            case "xrp", "aptos", "both" -> throw new ConfigException(key, "'" + raw
                    + "' has no engine yet: use evm or manual");
            default -> throw new ConfigException(key, "must be evm or manual, got '" + raw + "'");
        };
    }

    private static Optional<Path> dir(ConfigReader in, Optional<Path> ledgerDir) {
        Optional<String> raw = in.optional(DIR);
        if (raw.isEmpty()) {
            return ledgerDir.map(d -> d.resolveSibling("settlement"));
        }
        if (raw.get().equalsIgnoreCase(LedgerConfig.NONE)) {
            return Optional.empty();
        }
        return Optional.of(in.parse(DIR, raw.get(), value -> {
            try {
                return Path.of(value).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("must be a directory path or 'none'");
            }
        }));
    }

    private static SettlementPolicy policy(ConfigReader in, PeerConfig peer, boolean enabled,
                                           long defaultThreshold) {
        String p = "peer." + peer.id() + ".";
        long threshold = in.longValue(p + "settle-threshold", 1, Long.MAX_VALUE,
                defaultThreshold);
        // Below the peer's min balance the intent would always fail on the peer's own limit.
        long settleTo = in.longValue(p + "settle-to", peer.minBalance(), Long.MAX_VALUE, 0);
        if (settleTo >= threshold) {
            throw new ConfigException(p + "settle-to", "must be below " + p
                    + "settle-threshold (" + threshold + "), got '" + settleTo + "'");
        }
        return new SettlementPolicy(enabled, threshold, settleTo);
    }
}
