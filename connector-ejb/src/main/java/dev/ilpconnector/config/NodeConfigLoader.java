package dev.ilpconnector.config;

import dev.ilpconnector.ccp.CcpSettings;
import dev.ilpconnector.ccp.PeerRouting;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.peer.BtpUrl;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the {@link NodeConfig} from config keys. Key names follow the TypeScript connector
 * ({@code ILP_ADDRESS}, {@code NODE_ID}); MicroProfile Config maps {@code peer.alice.btp.token}
 * to the env var {@code PEER_ALICE_BTP_TOKEN}. docs/configuration.md lists every key.
 */
public final class NodeConfigLoader {

    public static final String ILP_ADDRESS = "ilp.address";
    public static final String NODE_ID = "node.id";
    public static final String PEERS = "connector.peers";
    public static final String ASSET_CODE = "asset.code";
    public static final String ASSET_SCALE = "asset.scale";
    public static final String MIN_MESSAGE_WINDOW_MS = "connector.min-message-window-ms";
    public static final String MAX_HOLD_TIME_MS = "connector.max-hold-time-ms";
    public static final String CCP_BROADCAST_INTERVAL_MS = "ccp.broadcast-interval-ms";
    public static final String CCP_ROUTE_EXPIRY_MS = "ccp.route-expiry-ms";

    /** The node id of a node that has no configured address (it learns one by IL-DCP). */
    static final String NODE_ID_DEFAULT = "connector";
    /** RFC 27 leaves the window to the connector; 1 s is what the reference connector uses. */
    static final long MIN_MESSAGE_WINDOW_MS_DEFAULT = 1_000;
    /** Longer holds tie up liquidity; 30 s matches common STREAM expiries. */
    static final long MAX_HOLD_TIME_MS_DEFAULT = 30_000;
    /** The reference connector's route broadcast interval. */
    static final long CCP_BROADCAST_INTERVAL_MS_DEFAULT = 30_000;
    /**
     * Heartbeats go out on the node's 1 s CCP tick, up to one tick late: a shorter interval, or
     * an expiry within a tick of the interval, would announce a hold-down time the heartbeats
     * cannot keep, and peers would drop our routes between them.
     */
    public static final long CCP_TICK_MS = 1_000;
    /** The reference connector's route expiry: one and a half broadcast intervals. */
    static final long CCP_ROUTE_EXPIRY_MS_DEFAULT = 45_000;
    /** CCP carries the hold-down time as a UInt32 of milliseconds. */
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private NodeConfigLoader() {
    }

    /** @throws ConfigException naming the first bad or missing key */
    public static NodeConfig load(Function<String, Optional<String>> lookup) {
        ConfigReader in = new ConfigReader(lookup);
        Optional<IlpAddress> address = in.optional(ILP_ADDRESS)
                .map(raw -> in.parse(ILP_ADDRESS, raw, IlpAddress::of));
        String nodeId = in.optional(NODE_ID)
                .orElse(address.map(IlpAddress::value).orElse(NODE_ID_DEFAULT));
        long window = in.longValue(MIN_MESSAGE_WINDOW_MS, 1, 60_000, MIN_MESSAGE_WINDOW_MS_DEFAULT);
        long hold = in.longValue(MAX_HOLD_TIME_MS, 2 * window, 600_000, MAX_HOLD_TIME_MS_DEFAULT);
        List<PeerConfig> peers = new ArrayList<>();
        Map<String, PeerRouting> routing = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (String id : in.list(PEERS)) {
            if (!PeerConfig.isValidId(id)) {
                throw new ConfigException(PEERS, "peer id '" + id + "' " + PeerConfig.ID_RULE);
            }
            if (!seen.add(id)) {
                throw new ConfigException(PEERS, "names peer '" + id + "' twice");
            }
            PeerConfig peer = peer(in, id);
            peers.add(peer);
            routing.put(id, routing(in, peer));
        }
        if (address.isEmpty() && peers.stream().noneMatch(p -> p.relation() == Relation.PARENT)) {
            throw new ConfigException(ILP_ADDRESS, "is missing: this node's ILP address, e.g."
                    + " g.example.connector (or configure a parent to learn it from by IL-DCP)");
        }
        return new NodeConfig(nodeId, address, Duration.ofMillis(window), Duration.ofMillis(hold),
                peers, ccp(in, routing));
    }

    /**
     * One peer's keys ({@code peer.<id>.*}, falling back to {@code asset.code} and
     * {@code asset.scale}) validated exactly as at start-up: for peers added at run time.
     *
     * @throws ConfigException naming the first bad or missing key
     */
    public static PeerConfig peer(Function<String, Optional<String>> lookup, String id) {
        if (!PeerConfig.isValidId(id)) {
            throw new ConfigException(PEERS, "peer id '" + id + "' " + PeerConfig.ID_RULE);
        }
        return peer(new ConfigReader(lookup), id);
    }

    /** The peer's route exchange settings from its keys (relation defaults otherwise). */
    public static PeerRouting routing(Function<String, Optional<String>> lookup,
                                      PeerConfig peer) {
        return routing(new ConfigReader(lookup), peer);
    }

    private static CcpSettings ccp(ConfigReader in, Map<String, PeerRouting> routing) {
        long interval = in.longValue(CCP_BROADCAST_INTERVAL_MS, CCP_TICK_MS,
                3_600_000, CCP_BROADCAST_INTERVAL_MS_DEFAULT);
        long expiry = in.longValue(CCP_ROUTE_EXPIRY_MS, 1, UINT32_MAX,
                Math.max(CCP_ROUTE_EXPIRY_MS_DEFAULT, interval + interval / 2));
        if (expiry <= interval + CCP_TICK_MS) {
            throw new ConfigException(CCP_ROUTE_EXPIRY_MS, "must be longer than "
                    + CCP_BROADCAST_INTERVAL_MS + " (" + interval + ") + " + CCP_TICK_MS
                    + " ms, got '" + expiry + "'");
        }
        return new CcpSettings(Duration.ofMillis(interval), Duration.ofMillis(expiry), routing);
    }

    /** Route exchange with the peer: the relation's defaults, overridden per key. */
    private static PeerRouting routing(ConfigReader in, PeerConfig peer) {
        String p = "peer." + peer.id() + ".";
        PeerRouting defaults = PeerRouting.defaults(peer.relation());
        return new PeerRouting(
                in.bool(p + "send-routes").orElse(defaults.sendRoutes()),
                in.bool(p + "receive-routes").orElse(defaults.receiveRoutes()),
                (int) in.longValue(p + "routing-weight", Integer.MIN_VALUE, Integer.MAX_VALUE,
                        defaults.weight()));
    }

    private static PeerConfig peer(ConfigReader in, String id) {
        String p = "peer." + id + ".";
        Relation relation = in.parse(p + "relation",
                in.required(p + "relation", "parent, peer or child"), Relation::parse);
        Optional<BtpUrl> url = in.optional(p + "btp.url")
                .map(raw -> parseUrl(p + "btp.url", raw));
        Optional<String> token = in.secret(p + "btp.token");
        if (url.isPresent() == token.isPresent()) {
            throw new ConfigException(p + "btp.url", "or " + p + "btp.token: set exactly one "
                    + "(btp.url: we dial the peer; btp.token: the peer dials us)");
        }
        String assetCode = in.optional(p + "asset.code").or(() -> in.optional(ASSET_CODE))
                .orElseThrow(() -> new ConfigException(p + "asset.code",
                        "is missing: the peer's asset code, e.g. XRP (or set " + ASSET_CODE + ")"));
        long defaultScale = in.longValue(ASSET_SCALE, 0, 255, -1);
        int assetScale = (int) in.longValue(p + "asset.scale", 0, 255, defaultScale);
        if (assetScale < 0) {
            throw new ConfigException(p + "asset.scale",
                    "is missing: decimal places 0..255 (or set " + ASSET_SCALE + ")");
        }
        long maxPacket = in.unsignedAmount(p + "max-packet-amount", -1L);
        long minBalance = in.longValue(p + "min-balance", Long.MIN_VALUE, 0, 0);
        List<String> routes = new ArrayList<>();
        for (String prefix : in.list(p + "routes")) {
            routes.add(in.parse(p + "routes", prefix, IlpAddress::of).value());
        }
        try {
            return new PeerConfig(id, relation, url, token, assetCode, assetScale, maxPacket,
                    minBalance, routes);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PEERS, "peer '" + id + "': " + e.getMessage());
        }
    }

    private static BtpUrl parseUrl(String key, String raw) {
        try {
            return BtpUrl.parse(raw);
        } catch (IllegalArgumentException e) {
            // The URL carries a token: say what is wrong without echoing it.
            throw new ConfigException(key, e.getMessage());
        }
    }
}
