package dev.ilpconnector.config;

import dev.ilpconnector.settlement.evm.EvmAddress;
import dev.ilpconnector.settlement.evm.EvmKey;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The EVM settlement engine's settings (docs/settlement-evm.md), with the seed's names. What
 * can be checked without the chain is checked here; the chain itself (chain id, contract code,
 * the token's network) is checked by the engine at start-up, naming the same keys.
 *
 * @param mode               {@code NETWORK_MODE}: which chain id the RPC must report
 * @param rpcUrl             {@code BASE_L2_RPC_URL}; the mode's public endpoint when unset
 * @param token              {@code M2M_TOKEN_ADDRESS}, checksummed
 * @param registry           {@code TOKEN_NETWORK_REGISTRY}, checksummed
 * @param key                {@code EVM_PRIVATE_KEY} ({@code KEY_BACKEND=env})
 * @param minSettleTimeout   the shortest challenge window we accept on a channel to us
 * @param settleTimeout      the challenge window of the channels we open
 * @param deposit            token base units put in a channel we open, and added per top-up
 * @param rpcTimeout         every JSON-RPC call's bound
 */
public record EvmSettlementConfig(NetworkMode mode, String rpcUrl, String token,
                                  String registry, EvmKey key, Duration minSettleTimeout,
                                  Duration settleTimeout, BigInteger deposit,
                                  Duration rpcTimeout) {

    private static final Logger LOG = Logger.getLogger(EvmSettlementConfig.class.getName());

    public static final String NETWORK_MODE = "network.mode";
    public static final String RPC_URL = "base.l2.rpc.url";
    public static final String TOKEN = "m2m.token.address";
    public static final String REGISTRY = "token.network.registry";
    public static final String KEY_BACKEND = "key.backend";
    public static final String PRIVATE_KEY = "evm.private.key";
    public static final String MIN_SETTLE_TIMEOUT = "settlement.evm.min.settle.timeout";
    public static final String SETTLE_TIMEOUT = "settlement.evm.settle.timeout";
    public static final String DEPOSIT = "settlement.evm.deposit";
    public static final String RPC_TIMEOUT_MS = "settlement.evm.rpc.timeout.ms";

    /** Keys whose presence means the operator wants EVM settlement. */
    static final List<String> MARKERS = List.of(PRIVATE_KEY, TOKEN, REGISTRY, RPC_URL);

    /** A day: long enough for a watcher that was down for hours to answer a close. */
    static final long SETTLE_TIMEOUT_DEFAULT_S = 86_400;
    /** An hour: below that, a short outage of ours lets a peer close on an old claim. */
    static final long MIN_SETTLE_TIMEOUT_DEFAULT_S = 3_600;
    /** 10 tokens of 6 decimals. */
    static final long DEPOSIT_DEFAULT = 10_000_000;
    static final long RPC_TIMEOUT_DEFAULT_MS = 10_000;

    /** {@code NETWORK_MODE}: Base Sepolia or Base mainnet. */
    public enum NetworkMode {
        TESTNET(84_532, "https://sepolia.base.org"),
        MAINNET(8_453, "https://mainnet.base.org");

        private final long chainId;
        private final String publicRpc;

        NetworkMode(long chainId, String publicRpc) {
            this.chainId = chainId;
            this.publicRpc = publicRpc;
        }

        public long chainId() {
            return chainId;
        }
    }

    /** The chain id the RPC must report. */
    public long chainId() {
        return mode.chainId();
    }

    @Override
    public String toString() {
        // The RPC URL's path and query often carry a provider's API key: the host only.
        return "EvmSettlementConfig[mode=" + mode + ", rpcHost=" + URI.create(rpcUrl).getHost()
                + ", token=" + token
                + ", registry=" + registry + ", account=" + key.address() + "]";
    }

    /** Whether any EVM key is set at all. */
    static boolean wanted(Function<String, Optional<String>> lookup) {
        ConfigReader in = new ConfigReader(lookup);
        return MARKERS.stream().anyMatch(k -> in.optional(k).isPresent());
    }

    /**
     * @throws ConfigException naming the first missing or bad key
     */
    static EvmSettlementConfig load(Function<String, Optional<String>> lookup) {
        ConfigReader in = new ConfigReader(lookup);
        NetworkMode mode = in.parse(NETWORK_MODE, in.optional(NETWORK_MODE).orElse("testnet"),
                raw -> switch (raw.toLowerCase(Locale.ROOT)) {
                    case "testnet" -> NetworkMode.TESTNET;
                    case "mainnet" -> NetworkMode.MAINNET;
                    default -> throw new IllegalArgumentException("must be testnet or mainnet");
                });
        String backend = in.optional(KEY_BACKEND).orElse("env");
        if (!backend.equalsIgnoreCase("env")) {
            throw new ConfigException(KEY_BACKEND, "'" + backend + "' is not available yet;"
                    + " only env (EVM_PRIVATE_KEY) is");
        }
        String rpc = in.parse(RPC_URL, in.optional(RPC_URL).orElse(mode.publicRpc),
                EvmSettlementConfig::httpUrl);
        String token = in.parse(TOKEN, in.required(TOKEN, "the M2M token's address"),
                EvmAddress::parse);
        String registry = in.parse(REGISTRY, in.required(REGISTRY,
                "the TokenNetworkRegistry's address"), EvmAddress::parse);
        EvmKey key;
        try {
            key = EvmKey.parse(in.secret(PRIVATE_KEY).orElseThrow(() -> new ConfigException(
                    PRIVATE_KEY, "is missing: the node's account key, 64 hex digits")));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PRIVATE_KEY, e.getMessage()); // the value is never quoted
        }
        if (mode == NetworkMode.MAINNET && key.isDevKey()) {
            throw new ConfigException(PRIVATE_KEY, "is one of anvil's public dev keys; refused"
                    + " with " + NETWORK_MODE + "=mainnet");
        }
        long minTimeout = in.longValue(MIN_SETTLE_TIMEOUT, 1, Integer.MAX_VALUE,
                MIN_SETTLE_TIMEOUT_DEFAULT_S);
        long timeout = in.longValue(SETTLE_TIMEOUT, minTimeout, Integer.MAX_VALUE,
                Math.max(SETTLE_TIMEOUT_DEFAULT_S, minTimeout));
        long deposit = in.longValue(DEPOSIT, 1, Long.MAX_VALUE, DEPOSIT_DEFAULT);
        long rpcTimeout = in.longValue(RPC_TIMEOUT_MS, 100, 600_000, RPC_TIMEOUT_DEFAULT_MS);
        EvmSettlementConfig config = new EvmSettlementConfig(mode, rpc, token, registry, key,
                Duration.ofSeconds(minTimeout), Duration.ofSeconds(timeout),
                BigInteger.valueOf(deposit), Duration.ofMillis(rpcTimeout));
        LOG.info("event=evm_config " + config);
        return config;
    }

    private static String httpUrl(String raw) {
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return raw;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("must be an http(s) URL");
    }
}
