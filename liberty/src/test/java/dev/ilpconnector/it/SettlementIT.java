package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Balance policy and settlement on a running node, through its public surfaces: alice (a BTP
 * client of this test) pays bob (the JS load sink, which fulfills everything) past bob's settle
 * threshold; the node asks for a settlement, the operator confirms it through the admin API;
 * then alice's own off-ledger payment to us is recorded twice with one idempotency key.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SettlementIT {

    private static final String ADMIN_TOKEN = "settlement-it-admin-token";
    /** The fulfillment load-sink.js answers with (liberty/src/test/js/lib/load-constants.js). */
    private static final byte[] SINK_FULFILLMENT =
            Frames.sha256("ilp-connector-bench-fulfillment".getBytes(StandardCharsets.US_ASCII));
    private static final Duration SETTLEMENT_WAIT = Duration.ofSeconds(30);

    @Test
    void thresholdCrossingIsSettledByHandAndIncomingSettlementsCountOnce() throws Exception {
        NodeJs js = NodeJs.installed();
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.java",
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "CONNECTOR_PEERS", "alice,bob",
                "ASSET_CODE", "XRP", "ASSET_SCALE", "9");
        ConnectorProcess.peer(config, "alice", "RELATION", "child", "BTP_TOKEN", "alice-token",
                "MIN_BALANCE", "-1500");
        ConnectorProcess.peer(config, "bob", "RELATION", "child", "BTP_TOKEN", "bob-token",
                "SETTLE_THRESHOLD", "1000", "SETTLE_TO", "100");
        try (ConnectorProcess node = ConnectorProcess.startReady("settlement-it", config);
             LoggedProcess sink = js.start("load-sink.js", "--btp",
                     node.btpUrl("bob", "bob-token"), "--timeout", "200")) {
            sink.awaitLine(Pattern.compile("SINK READY"), Duration.ofSeconds(60));
            AdminClient admin = AdminClient.of(node, ADMIN_TOKEN);

            JsonObject ledger = ok(admin.get("/admin/ledger")).asJsonObject();
            assertEquals("embedded", ledger.getString("backend"), ledger.toString());
            assertTrue(ledger.getBoolean("reachable"), ledger.toString());

            try (BtpTestClient alice = BtpTestClient.authenticated(node.btpUri(), "alice",
                    "alice-token")) {
                for (int i = 0; i < 3; i++) {
                    assertInstanceOf(Frames.Fulfill.class, pay(alice, 400));
                }
                JsonObject request = awaitOneOpenSettlement(admin);
                assertEquals("bob", request.getString("peerId"));
                assertEquals("1100", request.getString("amount"), "1200 owed, down to 100");
                assertEquals("bob-XRP-9-0", request.getString("idempotencyKey"));

                JsonObject bob = ok(admin.get("/admin/peers/bob/balance")).asJsonObject();
                assertEquals("1200", bob.getString("balance"), bob.toString());
                assertEquals("1100", bob.getString("settlementInFlight"), bob.toString());
                assertEquals("100", bob.getString("available"), bob.toString());
                assertEquals("1000", bob.getString("settleThreshold"), bob.toString());
                assertEquals("100", bob.getString("settleTo"), bob.toString());

                String key = request.getString("idempotencyKey");
                JsonObject confirmed = ok(admin.postJson("/admin/settlements/" + key
                        + "/confirm", "{\"reference\":\"bank transfer 42\"}")).asJsonObject();
                assertEquals("settled", confirmed.getString("status"), confirmed.toString());
                assertEquals(404, admin.postJson("/admin/settlements/" + key + "/confirm", "{}")
                        .statusCode(), "confirmed once");
                bob = ok(admin.get("/admin/peers/bob/balance")).asJsonObject();
                assertEquals("100", bob.getString("balance"), bob.toString());
                assertEquals("0", bob.getString("pendingIn"), bob.toString());
                assertEquals("0", bob.getString("settlementInFlight"), bob.toString());
                assertEquals("1100", bob.getString("settledOut"), bob.toString());
                assertEquals(0, ok(admin.get("/admin/settlements")).asJsonArray().size());

                // alice has used 1200 of her 1500 credit: 400 more is refused until she pays.
                Object refused = pay(alice, 400);
                assertEquals("T04", assertInstanceOf(Frames.Reject.class, refused).code());
                recordAlicesPaymentTwice(admin);
                assertInstanceOf(Frames.Fulfill.class, pay(alice, 400));
            }
            JsonArray balances = ok(admin.get("/admin/balances")).asJsonArray();
            assertEquals(2, balances.size(), balances.toString());
        }
    }

    private static void recordAlicesPaymentTwice(AdminClient admin) throws Exception {
        String path = "/admin/peers/alice/settlements";
        assertEquals(400, admin.postJson(path, "{\"amount\":\"1200\"}").statusCode(),
                "no Idempotency-Key");
        Map<String, String> key = Map.of("Idempotency-Key", "alice-wire-2026-11-25");
        HttpResponse<String> first = admin.postJson(path, "{\"amount\":\"1200\"}", key);
        HttpResponse<String> second = admin.postJson(path, "{\"amount\":\"1200\"}", key);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        assertEquals(first.body(), second.body(), "same key, same answer");
        assertEquals(409, admin.postJson(path, "{\"amount\":\"5\"}", key).statusCode(),
                "same key, other amount");
        JsonObject alice = ok(admin.get("/admin/peers/alice/balance")).asJsonObject();
        assertEquals("0", alice.getString("balance"), "credited once: " + alice);
        assertEquals("1200", alice.getString("settledIn"), alice.toString());
    }

    private static Object pay(BtpTestClient alice, long amount) throws Exception {
        return alice.sendIlp(Frames.ilpPrepare(amount, Instant.now().plusSeconds(30),
                Frames.sha256(SINK_FULFILLMENT), "test.java.bob.settlement-it", new byte[0]));
    }

    private static JsonObject awaitOneOpenSettlement(AdminClient admin) throws Exception {
        long deadline = System.nanoTime() + SETTLEMENT_WAIT.toNanos();
        while (true) {
            JsonArray open = ok(admin.get("/admin/settlements")).asJsonArray();
            if (!open.isEmpty()) {
                assertEquals(1, open.size(), open.toString());
                return open.getJsonObject(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no settlement requested within " + SETTLEMENT_WAIT);
            }
            Thread.sleep(200); // polling interval of an HTTP check
        }
    }

    private static jakarta.json.JsonValue ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        String body = response.body().strip();
        return body.startsWith("[") ? AdminClient.parseArray(body) : AdminClient.parseObject(body);
    }
}
