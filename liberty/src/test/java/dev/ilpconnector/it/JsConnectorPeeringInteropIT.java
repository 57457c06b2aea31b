package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our connector (test.java) peered over BTP with the reference JS connector (ilp-connector
 * 23.0.2, test.conn): we dial into the JS account "java" of relation peer. Routes are static
 * on both sides (test.java -> java there, test.conn -> conn here) until CCP lands.
 * STREAM payments cross the link both ways:
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

    @Test
    void streamPaymentsCrossTheBtpPeeringBothWays() throws Exception {
        NodeJs js = NodeJs.installed();
        int[] ports = Ports.free(2);
        int miniPort = ports[0];
        int peerPort = ports[1];
        try (LoggedProcess jsConnector = js.start("js-connector.js",
                "--address", "test.conn",
                "--mini-port", Integer.toString(miniPort),
                "--peer-id", "java",
                "--peer-port", Integer.toString(peerPort),
                "--peer-secret", PEER_SECRET,
                "--max-packet-amount", "100000",
                "--routes", "test.java=java",
                "--timeout", "330")) {
            jsConnector.awaitLine(JS_READY, Duration.ofSeconds(60));

            try (ConnectorProcess node = ConnectorProcess.startReady("peering-it",
                    javaConfig(peerPort))) {
                AdminClient admin = AdminClient.of(node, ADMIN_TOKEN);
                admin.awaitPeer("conn", p -> p.get("connected") == JsonValue.TRUE,
                        Duration.ofSeconds(30));

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

    private static Map<String, String> javaConfig(int jsPeerPort) {
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.java",
                "NODE_ID", "peering-it",
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "CONNECTOR_PEERS", "conn,sender,receiver");
        ConnectorProcess.peer(config, "conn",
                "RELATION", "peer",
                // ilp-plugin-btp in server mode checks only auth_token; username left empty
                "BTP_URL", "btp+ws://:" + PEER_SECRET + "@127.0.0.1:" + jsPeerPort,
                "ASSET_CODE", "XRP",
                "ASSET_SCALE", "9",
                "MAX_PACKET_AMOUNT", "100000",
                "MIN_BALANCE", "-1000000000000",
                "ROUTES", "test.conn");
        ConnectorProcess.streamChild(config, "sender");
        ConnectorProcess.streamChild(config, "receiver");
        return config;
    }
}
