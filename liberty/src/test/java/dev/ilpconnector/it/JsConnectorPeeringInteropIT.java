package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our connector (test.java) peered over BTP with the reference JS connector (ilp-connector
 * 23.0.2, test.conn): we dial into the JS account "java" of relation peer. No static route on
 * either side: each learns the other's address, which covers its children, by CCP (RFC 10),
 * as both admin APIs must show. Then STREAM payments cross the link both ways:
 * <pre>
 *   JS sender  -> test.conn (mini child) -> BTP -> test.java -> child "receiver" (JS receiver)
 *   JS sender  -> test.java child "sender" -> BTP -> test.conn -> mini child (JS receiver)
 * </pre>
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class JsConnectorPeeringInteropIT {

    private static final long AMOUNT = 1_000_000;
    private static final String ADMIN_TOKEN = "peering-it-admin-token";
    private static final String PEER_SECRET = "javapeer-secret";
    private static final Pattern JS_READY = Pattern.compile("JS_CONNECTOR READY");
    /** Route updates every second on both sides (the defaults are 30 s). */
    private static final String CCP_INTERVAL_MS = "1000";
    private static final Duration ROUTES_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void streamPaymentsCrossTheBtpPeeringBothWays() throws Exception {
        NodeJs js = NodeJs.installed();
        int[] ports = Ports.free(3);
        int miniPort = ports[0];
        int peerPort = ports[1];
        int jsAdminPort = ports[2];
        try (LoggedProcess jsConnector = js.start("js-connector.js",
                "--address", "test.conn",
                "--mini-port", Integer.toString(miniPort),
                "--peer-id", "java",
                "--peer-port", Integer.toString(peerPort),
                "--peer-secret", PEER_SECRET,
                "--max-packet-amount", "100000",
                "--peer-ccp", "--ccp-interval-ms", CCP_INTERVAL_MS,
                "--admin-port", Integer.toString(jsAdminPort),
                "--timeout", "330")) {
            jsConnector.awaitLine(JS_READY, Duration.ofSeconds(60));

            try (ConnectorProcess node = ConnectorProcess.startReady("peering-it",
                    javaConfig(peerPort))) {
                AdminClient admin = AdminClient.of(node, ADMIN_TOKEN);
                admin.awaitPeer("conn", p -> p.get("connected") == JsonValue.TRUE,
                        Duration.ofSeconds(30));
                awaitRoutesBothWays(admin, new JsConnectorAdmin(jsAdminPort));

                // JS -> Java
                StreamPayment.Result in = StreamPayment.pay(js,
                        node.btpUrl("receiver", "receiver-token"),
                        "btp+ws://jssender:jssender-token@127.0.0.1:" + miniPort,
                        AMOUNT, Duration.ofSeconds(90));
                assertEquals("test.java.receiver", in.receiverAddress());
                assertEquals(AMOUNT, in.received(), "received by our child from the JS side");

                // Java -> JS
                StreamPayment.Result out = StreamPayment.pay(js,
                        "btp+ws://jsreceiver:jsreceiver-token@127.0.0.1:" + miniPort,
                        node.btpUrl("sender", "sender-token"),
                        AMOUNT, Duration.ofSeconds(90));
                assertEquals("test.conn.mini.jsreceiver", out.receiverAddress());
                assertEquals(AMOUNT, out.received(), "received on the JS side from our child");

                admin.awaitPeer("receiver",
                        p -> AdminClient.asLong(p.get("balance")) == AMOUNT,
                        Duration.ofSeconds(10));
                assertEquals(-AMOUNT, admin.balance("sender"), "our child sender owes us");
                assertEquals(0, admin.balance("conn"),
                        "the JS peer paid us as much as we paid it");
                assertTrue(jsConnector.isAlive(), "JS connector still running");
            }
        }
    }

    /**
     * Each side routes the other's address over the link: test.conn here, test.java there.
     * Children are not announced one by one (ilp-connector leaves out the routes of its own
     * children): the address prefix covers them, and the payments below rely on that.
     */
    private static void awaitRoutesBothWays(AdminClient ours, JsConnectorAdmin theirs)
            throws Exception {
        Map<String, JsonObject> routes = ours.awaitRoutes("routes from the JS connector",
                t -> learnedFromConn(t.get("test.conn")), ROUTES_TIMEOUT);
        assertEquals("[\"test.conn\"]", routes.get("test.conn").get("path").toString(),
                "path of the JS connector's own route");
        JsonObject theirRoute = theirs.awaitRoute("test.java", "java", ROUTES_TIMEOUT);
        assertEquals("test.java", theirRoute.getString("path"), "path as the JS side sees it");
    }

    private static boolean learnedFromConn(JsonObject route) {
        return route != null && "conn".equals(route.getString("nextHop", ""))
                && "ccp".equals(route.getString("source", ""));
    }

    private static Map<String, String> javaConfig(int jsPeerPort) {
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.java",
                "NODE_ID", "peering-it",
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "CCP_BROADCAST_INTERVAL_MS", CCP_INTERVAL_MS,
                "CONNECTOR_PEERS", "conn,sender,receiver");
        ConnectorProcess.peer(config, "conn",
                "RELATION", "peer",
                // ilp-plugin-btp in server mode checks only auth_token; username left empty
                "BTP_URL", "btp+ws://:" + PEER_SECRET + "@127.0.0.1:" + jsPeerPort,
                "ASSET_CODE", "XRP",
                "ASSET_SCALE", "9",
                "MAX_PACKET_AMOUNT", "100000",
                "MIN_BALANCE", "-1000000000000");
        ConnectorProcess.streamChild(config, "sender");
        ConnectorProcess.streamChild(config, "receiver");
        return config;
    }
}
