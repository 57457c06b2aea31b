package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three of our nodes in a line, test.a - test.b - test.c (a dials b, b dials c), each
 * configured with its direct peers only: no static route anywhere. Every route between them
 * comes from CCP (RFC 10). A JS STREAM sender is a child of a, the JS receiver a child of c:
 * <pre>
 *   stream-sender.js -> a (child sender) -> b -> c -> child receiver (stream-receiver.js)
 * </pre>
 * Then c goes down: b's link to c drops, b withdraws test.c and a loses its route, so a
 * Prepare to test.c is refused F02 by test.a itself. c comes back on the same ports: b
 * redials, the routes converge again and money flows again.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CcpLineIT {

    private static final long AMOUNT = 1_000_000;
    private static final String ADMIN_TOKEN = "ccp-line-admin-token";
    /** Keep-alive updates every second (changes go out at once); the default is 30 s. */
    private static final String CCP_INTERVAL_MS = "1000";
    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final Duration WITHDRAW = Duration.ofSeconds(15);
    private static final Duration PAYMENT = Duration.ofSeconds(60);

    @Test
    void routesLearnedByCcpCarryPaymentsAndFollowTheLinkToC() throws Exception {
        NodeJs js = NodeJs.installed();
        int[] ports = Ports.free(6);
        Map<String, String> a = node("a", ports[0], ports[1], "b,sender,probe");
        Map<String, String> b = node("b", ports[2], ports[3], "a,c");
        Map<String, String> c = node("c", ports[4], ports[5], "b,receiver");
        link(a, "a", b, "b", ports[2]);
        link(b, "b", c, "c", ports[4]);
        ConnectorProcess.streamChild(a, "sender");
        ConnectorProcess.streamChild(a, "probe");
        ConnectorProcess.streamChild(c, "receiver");
        try (ConnectorProcess nodeA = ConnectorProcess.start("ccp-a", a);
             ConnectorProcess nodeB = ConnectorProcess.start("ccp-b", b);
             ConnectorProcess nodeC = ConnectorProcess.start("ccp-c", c)) {
            for (ConnectorProcess n : new ConnectorProcess[] {nodeA, nodeB, nodeC}) {
                n.awaitReady(ConnectorProcess.READY_TIMEOUT);
            }
            AdminClient adminA = AdminClient.of(nodeA, ADMIN_TOKEN);
            AdminClient adminB = AdminClient.of(nodeB, ADMIN_TOKEN);
            AdminClient adminC = AdminClient.of(nodeC, ADMIN_TOKEN);

            long t0 = System.nanoTime();
            Map<String, JsonObject> routesA = adminA.awaitRoutes("a learns b and c",
                    learned("test.b", "b").and(learned("test.c", "b")), CONVERGE);
            Map<String, JsonObject> routesC = adminC.awaitRoutes("c learns a and b",
                    learned("test.a", "b").and(learned("test.b", "b")), CONVERGE);
            adminB.awaitRoutes("b learns a and c",
                    learned("test.a", "a").and(learned("test.c", "c")), CONVERGE);
            log("converged " + millisSince(t0) + " ms after all three were ready");
            // RFC 10: each speaker prepends its own address; the origin's stays last.
            assertEquals(path("test.b", "test.c"), routesA.get("test.c").get("path"));
            assertEquals(path("test.b", "test.a"), routesC.get("test.a").get("path"));

            pay(js, nodeA, nodeC, adminA, adminC);
            assertEquals(-AMOUNT, adminB.balance("a"), "a owes b what b forwarded for it");
            assertEquals(AMOUNT, adminB.balance("c"), "b owes c what c delivered");

            try (BtpTestClient probe = BtpTestClient.authenticated(nodeA.btpUri(), "probe",
                    "probe-token")) {
                assertRejected(probe, "F02", "test.c"); // reaches c, which has no such child

                nodeC.stop();
                long down = System.nanoTime();
                adminB.awaitRoutes("b withdraws test.c",
                        t -> !t.containsKey("test.c"), WITHDRAW);
                adminA.awaitRoutes("a withdraws test.c",
                        t -> !t.containsKey("test.c"), WITHDRAW);
                log("test.c withdrawn at a " + millisSince(down) + " ms after c stopped");
                assertRejected(probe, "F02", "test.a"); // no route any more: refused at a

                nodeC.restart();
                nodeC.awaitReady(ConnectorProcess.READY_TIMEOUT);
                long up = System.nanoTime();
                adminA.awaitRoutes("a learns test.c again", learned("test.c", "b"), CONVERGE);
                adminC.awaitRoutes("c learns test.a again", learned("test.a", "b"), CONVERGE);
                log("converged again " + millisSince(up) + " ms after c was ready");
                assertRejected(probe, "F02", "test.c");
            }
            // c restarted with an empty in-memory ledger; a and b keep counting
            StreamPayment.Result again = StreamPayment.pay(js,
                    nodeC.btpUrl("receiver", "receiver-token"),
                    nodeA.btpUrl("sender", "sender-token"), AMOUNT, PAYMENT);
            assertEquals(AMOUNT, again.received(), "received at c after the link came back");
            adminB.awaitPeer("c", p -> AdminClient.asLong(p.get("balance")) == 2 * AMOUNT,
                    Duration.ofSeconds(10));
            assertEquals(-2 * AMOUNT, adminA.balance("sender"), "the sender paid twice");
        }
    }

    /** One STREAM payment from a's child to c's child; amounts checked on both ends. */
    private static void pay(NodeJs js, ConnectorProcess nodeA, ConnectorProcess nodeC,
                            AdminClient adminA, AdminClient adminC) throws Exception {
        StreamPayment.Result r = StreamPayment.pay(js,
                nodeC.btpUrl("receiver", "receiver-token"),
                nodeA.btpUrl("sender", "sender-token"), AMOUNT, PAYMENT);
        assertEquals("test.c.receiver", r.receiverAddress(), "IL-DCP address at c");
        assertEquals(AMOUNT, r.sent());
        assertEquals(AMOUNT, r.delivered());
        assertEquals(AMOUNT, r.received());
        adminC.awaitPeer("receiver", p -> AdminClient.asLong(p.get("balance")) == AMOUNT,
                Duration.ofSeconds(10));
        assertEquals(-AMOUNT, adminC.balance("b"), "b owes c for the delivery");
        assertEquals(-AMOUNT, adminA.balance("sender"), "the sender owes a");
        assertEquals(AMOUNT, adminA.balance("b"), "a owes b");
    }

    /** A Prepare from a's child "probe" to test.c.nobody; wants a Reject of that code/node. */
    private static void assertRejected(BtpTestClient probe, String code, String triggeredBy)
            throws Exception {
        Object reply = probe.sendIlp(Frames.ilpPrepare(1, Instant.now().plusSeconds(20),
                Frames.sha256(new byte[] {1}), "test.c.nobody", new byte[0]));
        Frames.Reject reject = assertInstanceOf(Frames.Reject.class, reply);
        assertEquals(code + " " + triggeredBy, reject.code() + " " + reject.triggeredBy(),
                "reject of a Prepare to test.c.nobody: " + reject.message());
    }

    private static Predicate<Map<String, JsonObject>> learned(String prefix, String nextHop) {
        return table -> {
            JsonObject route = table.get(prefix);
            return route != null && nextHop.equals(route.getString("nextHop", ""))
                    && "ccp".equals(route.getString("source", ""));
        };
    }

    private static JsonArray path(String... addresses) {
        return Json.createArrayBuilder(List.of(addresses)).build();
    }

    private static Map<String, String> node(String id, int httpPort, int httpsPort,
                                            String peers) {
        return ConnectorProcess.config(
                "ILP_ADDRESS", "test." + id,
                "NODE_ID", "ccp-" + id,
                "HTTP_PORT", Integer.toString(httpPort),
                "HTTPS_PORT", Integer.toString(httpsPort),
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "CCP_BROADCAST_INTERVAL_MS", CCP_INTERVAL_MS,
                // b redials c quickly once c is back
                "BTP_RECONNECT_MAX_MS", "1000",
                "CONNECTOR_PEERS", peers);
    }

    /** A link of relation peer: {@code dialer} dials {@code listener} on its HTTP port. */
    private static void link(Map<String, String> dialer, String dialerId,
                             Map<String, String> listener, String listenerId, int listenerPort) {
        String token = dialerId + "-" + listenerId + "-token";
        ConnectorProcess.peer(dialer, listenerId, "RELATION", "peer",
                "BTP_URL", "btp+ws://" + dialerId + ":" + token + "@127.0.0.1:" + listenerPort
                        + "/btp",
                "ASSET_CODE", "XRP", "ASSET_SCALE", "9", "MIN_BALANCE", "-1000000000000");
        ConnectorProcess.peer(listener, dialerId, "RELATION", "peer", "BTP_TOKEN", token,
                "ASSET_CODE", "XRP", "ASSET_SCALE", "9", "MIN_BALANCE", "-1000000000000");
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static void log(String message) {
        System.out.println("[CcpLineIT] " + message);
    }
}
