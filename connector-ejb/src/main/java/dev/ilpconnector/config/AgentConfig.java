package dev.ilpconnector.config;

import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The agent runtime (SPSP + STREAM receiver that pays the operator's business logic, see
 * docs/agent.md): whether local delivery is on, where the business logic is, the addresses
 * handed out and the secret they are derived from. Key names are the TypeScript agent's
 * ({@code BUSINESS_LOGIC_URL} is {@code business.logic.url}).
 */
public final class AgentConfig {

    public static final String BASE_ADDRESS = "base.address";
    public static final String BUSINESS_LOGIC_URL = "business.logic.url";
    public static final String BUSINESS_LOGIC_TIMEOUT = "business.logic.timeout";
    public static final String SPSP_ENABLED = "spsp.enabled";
    public static final String SESSION_TTL_MS = "session.ttl.ms";
    public static final String LOCAL_DELIVERY_ENABLED = "local.delivery.enabled";
    public static final String LOCAL_DELIVERY_URL = "local.delivery.url";
    public static final String LOCAL_DELIVERY_TIMEOUT = "local.delivery.timeout";
    public static final String AGENT_PORT = "agent.port";
    public static final String AGENT_SECRET = "agent.secret";

    /** The seed's business-logic timeout: a merchant's HTTP answer within 5 s. */
    static final long BUSINESS_LOGIC_TIMEOUT_DEFAULT = 5_000;
    /** The seed's payment session lifetime: one hour. */
    static final long SESSION_TTL_MS_DEFAULT = 3_600_000;
    /** The seed's cap on the wait for the agent; packets are held no longer than 30 s anyway. */
    static final long LOCAL_DELIVERY_TIMEOUT_DEFAULT = 30_000;
    /** The seed's agent port. */
    public static final int AGENT_PORT_DEFAULT = 3100;
    /** AES-256 / HMAC-SHA256 key material of the connection tokens (RFC 29). */
    public static final int SECRET_BYTES = 32;

    private final Optional<IlpAddress> baseAddress;
    private final Optional<URI> businessLogicUrl;
    private final Duration businessLogicTimeout;
    private final boolean spspEnabled;
    private final Duration sessionTtl;
    private final boolean localDeliveryEnabled;
    private final Duration localDeliveryTimeout;
    private final byte[] secret;
    private final Optional<Asset> asset;

    /** The one asset the agent receives in. */
    public record Asset(String code, int scale) {
    }

    private AgentConfig(Optional<IlpAddress> baseAddress, Optional<URI> businessLogicUrl,
                        Duration businessLogicTimeout, boolean spspEnabled, Duration sessionTtl,
                        boolean localDeliveryEnabled, Duration localDeliveryTimeout,
                        byte[] secret, Optional<Asset> asset) {
        this.baseAddress = baseAddress;
        this.businessLogicUrl = businessLogicUrl;
        this.businessLogicTimeout = businessLogicTimeout;
        this.spspEnabled = spspEnabled;
        this.sessionTtl = sessionTtl;
        this.localDeliveryEnabled = localDeliveryEnabled;
        this.localDeliveryTimeout = localDeliveryTimeout;
        this.secret = secret;
        this.asset = asset;
    }

    /**
     * Reads the agent's keys and checks them against the node's configuration.
     *
     * @throws ConfigException naming the first bad key
     */
    public static AgentConfig load(Function<String, Optional<String>> lookup, NodeConfig node) {
        ConfigReader in = new ConfigReader(lookup);
        if (in.optional(LOCAL_DELIVERY_URL).isPresent()) {
            throw new ConfigException(LOCAL_DELIVERY_URL, "not supported: run the agent in this"
                    + " node or as a BTP child, docs/agent.md");
        }
        Optional<URI> url = in.optional(BUSINESS_LOGIC_URL).map(AgentConfig::businessLogicUrl);
        boolean enabled = in.bool(LOCAL_DELIVERY_ENABLED).orElse(url.isPresent());
        if (enabled && url.isEmpty()) {
            throw new ConfigException(LOCAL_DELIVERY_ENABLED, "is true but "
                    + BUSINESS_LOGIC_URL + " is missing: the agent pays your business logic's"
                    + " POST /handle-payment (e.g. http://127.0.0.1:8080)");
        }
        Optional<IlpAddress> base = in.optional(BASE_ADDRESS)
                .map(raw -> in.parse(BASE_ADDRESS, raw, IlpAddress::of));
        if (base.isPresent() && node.address().isPresent()) {
            String problem = baseAddressProblem(base.get(), node.address().get(), node.peers());
            if (problem != null) {
                throw new ConfigException(BASE_ADDRESS, problem);
            }
        }
        long blTimeout = in.longValue(BUSINESS_LOGIC_TIMEOUT, 1, 600_000,
                BUSINESS_LOGIC_TIMEOUT_DEFAULT);
        boolean spsp = in.bool(SPSP_ENABLED).orElse(true);
        long ttl = in.longValue(SESSION_TTL_MS, 1_000, 30L * 24 * 3_600_000,
                SESSION_TTL_MS_DEFAULT);
        long ldTimeout = in.longValue(LOCAL_DELIVERY_TIMEOUT, 1, 600_000,
                LOCAL_DELIVERY_TIMEOUT_DEFAULT);
        in.longValue(AGENT_PORT, 1, 65_535, AGENT_PORT_DEFAULT); // Liberty binds it (server.xml)
        byte[] secret = in.secret(AGENT_SECRET).map(AgentConfig::secret).orElse(null);
        Optional<Asset> asset = asset(in, node, enabled);
        if (enabled && asset.isEmpty()) {
            throw new ConfigException(NodeConfigLoader.ASSET_CODE, "is missing: the asset the"
                    + " agent receives in (with " + NodeConfigLoader.ASSET_SCALE + "), or a"
                    + " parent whose asset it takes");
        }
        return new AgentConfig(base, url, Duration.ofMillis(blTimeout), spsp,
                Duration.ofMillis(ttl), enabled, Duration.ofMillis(ldTimeout), secret, asset);
    }

    /**
     * Why {@code base} cannot receive at a node with address {@code node}, or null when it can:
     * it must be the node's address or below it (else no route brings packets here) and must
     * not be a child's address or below it (those packets go to the child).
     */
    public static String baseAddressProblem(IlpAddress base, IlpAddress node,
                                            Collection<PeerConfig> peers) {
        if (!base.startsWith(node)) {
            return "'" + base.value() + "' is outside the node's address " + node.value()
                    + ": packets for it never reach this node";
        }
        for (PeerConfig peer : peers) {
            if (peer.relation() == Relation.CHILD) {
                IlpAddress child = node.with(peer.id());
                if (base.startsWith(child)) {
                    return "'" + base.value() + "' is under child " + peer.id() + "'s address "
                            + child.value() + ": packets for it go to the child";
                }
            }
        }
        return null;
    }

    private static URI businessLogicUrl(String raw) {
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigException(BUSINESS_LOGIC_URL, "must be an http:// or https:// URL"
                + " without query, e.g. http://127.0.0.1:8080, got '" + raw + "'");
    }

    /** 32 bytes as 64 hex digits or base64; the value is never echoed. */
    private static byte[] secret(String raw) {
        String value = raw.trim();
        byte[] bytes = null;
        if (value.length() == 2 * SECRET_BYTES) {
            try {
                bytes = HexFormat.of().parseHex(value);
            } catch (IllegalArgumentException e) {
                bytes = null;
            }
        }
        if (bytes == null) {
            try {
                bytes = Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                bytes = null;
            }
        }
        if (bytes == null || bytes.length != SECRET_BYTES) {
            throw new ConfigException(AGENT_SECRET, "must be " + SECRET_BYTES + " bytes as 64 hex"
                    + " digits or base64 (openssl rand -hex 32)");
        }
        return bytes;
    }

    /**
     * ASSET_CODE with ASSET_SCALE, else the first parent's asset; empty when neither is there.
     * Half of the pair is an error when the agent is on: it would mix two assets.
     */
    private static Optional<Asset> asset(ConfigReader in, NodeConfig node, boolean enabled) {
        Optional<String> code = in.optional(NodeConfigLoader.ASSET_CODE);
        long scale = in.longValue(NodeConfigLoader.ASSET_SCALE, 0, 255, -1);
        if (code.isPresent() && scale >= 0) {
            return Optional.of(new Asset(code.get(), (int) scale));
        }
        if (enabled && (code.isPresent() || scale >= 0)) {
            throw new ConfigException(code.isPresent() ? NodeConfigLoader.ASSET_SCALE
                    : NodeConfigLoader.ASSET_CODE, "is missing: the agent receives in "
                    + NodeConfigLoader.ASSET_CODE + "/" + NodeConfigLoader.ASSET_SCALE
                    + " and needs both");
        }
        return node.parent().map(p -> new Asset(p.assetCode(), p.assetScale()));
    }

    /** Addresses handed out are under this one; empty: the node's own address. */
    public Optional<IlpAddress> baseAddress() {
        return baseAddress;
    }

    public Optional<URI> businessLogicUrl() {
        return businessLogicUrl;
    }

    /** Longest wait for one business-logic answer (less when the packet expires sooner). */
    public Duration businessLogicTimeout() {
        return businessLogicTimeout;
    }

    public boolean spspEnabled() {
        return spspEnabled;
    }

    /** A payment session (its metadata, its STREAM connection) is dropped this long after use. */
    public Duration sessionTtl() {
        return sessionTtl;
    }

    /** Packets for the node's address go to the agent; false: they are refused F02. */
    public boolean localDeliveryEnabled() {
        return localDeliveryEnabled;
    }

    /** Cap on the wait for the agent's answer to one packet. */
    public Duration localDeliveryTimeout() {
        return localDeliveryTimeout;
    }

    /** The configured 32-byte secret (a copy); empty: the agent makes one per start. */
    public Optional<byte[]> secret() {
        return secret == null ? Optional.empty() : Optional.of(secret.clone());
    }

    /** The asset the agent receives in; present whenever local delivery is enabled. */
    public Optional<Asset> asset() {
        return asset;
    }

    /** Keeps the secret out of logs. */
    @Override
    public String toString() {
        return "AgentConfig[localDelivery=" + localDeliveryEnabled + ", baseAddress="
                + baseAddress.map(IlpAddress::value).orElse("-") + ", businessLogicUrl="
                + businessLogicUrl.map(URI::toString).orElse("-") + ", spsp=" + spspEnabled
                + ", secret=" + (secret == null ? "random" : "***") + ", asset="
                + asset.map(a -> a.code() + "/" + a.scale()).orElse("-") + "]";
    }
}
