package dev.ilpconnector.config;

import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.packetswitch.SwitchSettings;
import dev.ilpconnector.peer.BtpUrl;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    /** RFC 27 leaves the window to the connector; 1 s is what the reference connector uses. */
    static final long MIN_MESSAGE_WINDOW_MS_DEFAULT = 1_000;
    /** Longer holds tie up liquidity; 30 s matches common STREAM expiries. */
    static final long MAX_HOLD_TIME_MS_DEFAULT = 30_000;

    private NodeConfigLoader() {
    }

    /** @throws ConfigException naming the first bad or missing key */
    public static NodeConfig load(Function<String, Optional<String>> lookup) {
        ConfigReader in = new ConfigReader(lookup);
        IlpAddress address = in.parse(ILP_ADDRESS,
                in.required(ILP_ADDRESS, "this node's ILP address, e.g. g.example.connector"),
                IlpAddress::of);
        String nodeId = in.optional(NODE_ID).orElse(address.value());
        long window = in.longValue(MIN_MESSAGE_WINDOW_MS, 1, 60_000, MIN_MESSAGE_WINDOW_MS_DEFAULT);
        long hold = in.longValue(MAX_HOLD_TIME_MS, 2 * window, 600_000, MAX_HOLD_TIME_MS_DEFAULT);
        SwitchSettings settings = new SwitchSettings(address, Duration.ofMillis(window),
                Duration.ofMillis(hold));
        List<PeerConfig> peers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String id : in.list(PEERS)) {
            if (!seen.add(id)) {
                throw new ConfigException(PEERS, "names peer '" + id + "' twice");
            }
            peers.add(peer(in, id));
        }
        return new NodeConfig(nodeId, settings, peers);
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
