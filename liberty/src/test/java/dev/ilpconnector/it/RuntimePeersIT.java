package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer added by the admin API is a peer like the configured ones: the JavaScript BTP client
 * ({@code ilp-plugin-btp}) authenticates as the new child {@code carol} and pays through the
 * node; after a restart carol is still there with her balance; she cannot be removed while she
 * owes the node, and once settled to zero she is gone from the peers and the routes.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RuntimePeersIT {

    private static final String ADMIN_TOKEN = "runtime-peers-it-token";
    private static final String CAROL = "{\"relation\":\"child\",\"incomingToken\":\"carol-token\","
            + "\"assetCode\":\"XRP\",\"assetScale\":9,\"maxPacketAmount\":\"1000000\","
            + "\"minBalance\":\"-1000000\"}";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aChildAddedAtRunTimePaysSurvivesARestartAndLeavesAtZero() throws Exception {
        Path ledgerDir = Files.createTempDirectory(Files.createDirectories(ItPaths.work()),
                "runtime-peers-ledger");
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.rt",
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "LEDGER_DIR", ledgerDir.toString(),
                "CONNECTOR_PEERS", "bob");
        ConnectorProcess.peer(config, "bob", "RELATION", "child", "BTP_TOKEN", "bob-token",
                "ASSET_CODE", "XRP", "ASSET_SCALE", "9", "MAX_PACKET_AMOUNT", "1000000",
                "MIN_BALANCE", "-1000000");
        NodeJs js = NodeJs.installed();
        try (ConnectorProcess node = ConnectorProcess.startReady("runtime-peers-1", config);
             BtpTestClient bob = BtpTestClient.authenticated(node.btpUri(), "bob",
                     "bob-token")) {
            AdminClient admin = AdminClient.of(node, ADMIN_TOKEN);
            Thread answering = new Thread(() -> {
                try {
                    // carol's Prepares carry their fulfillment as data
                    bob.answerPrepares(p -> Frames.ilpFulfill(p.data(), new byte[0]));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "bob");
            answering.setDaemon(true);
            answering.start();

            HttpResponse<String> bad = admin.send("POST", "/admin/peers/dave",
                    "{\"relation\":\"child\",\"incomingToken\":\"t\",\"assetCode\":\"XRP\","
                            + "\"assetScale\":\"nine\"}");
            assertEquals(400, bad.statusCode(), bad.body());
            JsonObject error = AdminClient.parseObject(bad.body());
            assertEquals("assetScale", error.getString("field"), bad.body());
            assertTrue(error.getString("error").contains("0..255"), bad.body());
            assertFalse(admin.peers().containsKey("dave"), "nothing recorded");

            HttpResponse<String> added = admin.send("POST", "/admin/peers/carol", CAROL);
            assertEquals(201, added.statusCode(), added.body());
            assertTrue(AdminClient.parseObject(added.body()).getBoolean("durable"));
            assertFalse(added.body().contains("carol-token"), "the token is never echoed");
            assertEquals(409, admin.send("POST", "/admin/peers/carol", CAROL).statusCode());

            pay(js, node, 3, 100);
            assertEquals(-300, admin.balance("carol"));
            assertTrue(admin.routes().containsKey("test.rt.carol"), admin.routes().toString());
        }

        try (ConnectorProcess node = ConnectorProcess.startReady("runtime-peers-2", config)) {
            AdminClient admin = AdminClient.of(node, ADMIN_TOKEN);
            assertEquals(-300, admin.balance("carol"), "carol and her balance survive");
            assertTrue(admin.routes().containsKey("test.rt.carol"));

            HttpResponse<String> refused = admin.send("DELETE", "/admin/peers/carol", null);
            assertEquals(409, refused.statusCode(), refused.body());
            assertTrue(AdminClient.parseObject(refused.body()).getString("error")
                    .contains("balance of -300"), refused.body());
            assertTrue(admin.peers().containsKey("carol"));

            HttpResponse<String> settled = admin.postJson("/admin/peers/carol/settlements",
                    "{\"amount\":\"300\"}", Map.of("Idempotency-Key", "carol-settles-300"));
            assertTrue(settled.statusCode() / 100 == 2, settled.body());
            admin.awaitPeer("carol", p -> AdminClient.asLong(p.get("balance")) == 0, WAIT);

            HttpResponse<String> removed = admin.send("DELETE", "/admin/peers/carol", null);
            assertEquals(204, removed.statusCode(), removed.body());
            assertFalse(admin.peers().containsKey("carol"));
            assertFalse(admin.routes().containsKey("test.rt.carol"), admin.routes().toString());
            assertEquals(404, admin.send("DELETE", "/admin/peers/carol", null).statusCode());
        }
    }

    /** carol pays bob {@code count} times {@code amount} with the JS BTP client. */
    private static void pay(NodeJs js, ConnectorProcess node, int count, long amount)
            throws Exception {
        try (LoggedProcess carol = js.start("btp-pay.js",
                "--btp", node.btpUrl("carol", "carol-token"),
                "--destination", "test.rt.bob.shop",
                "--amount", Long.toString(amount),
                "--count", Integer.toString(count),
                "--timeout", "60")) {
            assertEquals(0, carol.awaitExit(Duration.ofSeconds(90)), carol.tail());
            assertTrue(carol.output().contains("ADDRESS test.rt.carol"), carol.output());
        }
    }
}
