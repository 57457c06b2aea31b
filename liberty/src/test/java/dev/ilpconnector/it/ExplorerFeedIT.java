package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The explorer's server side over the wire: the packet log behind {@code /admin/packets}, the
 * telemetry figures, one-time feed tickets, and {@code /explorer/feed}'s rules (no or used
 * ticket: 1008; a ninth browser: 1013). Alice pays bob through the node; bob is this test,
 * fulfilling even amounts and rejecting odd ones with F99 and a message full of markup.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExplorerFeedIT {

    private static final String ADMIN_TOKEN = "explorer-it-admin-token";
    private static final String MARKUP = "<img src=x onerror=\"window.__xss=1\">";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Map<String, byte[]> fulfillments = new ConcurrentHashMap<>();
    private ConnectorProcess node;
    private AdminClient admin;
    private BtpTestClient bob;

    @BeforeAll
    void startNode() throws Exception {
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.exp",
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "CONNECTOR_PEERS", "alice,bob");
        for (String id : List.of("alice", "bob")) {
            ConnectorProcess.peer(config, id, "RELATION", "child", "BTP_TOKEN", id + "-token",
                    "ASSET_CODE", "XRP", "ASSET_SCALE", "9", "MAX_PACKET_AMOUNT", "1000000",
                    "MIN_BALANCE", "-1000000");
        }
        node = ConnectorProcess.startReady("explorer-feed-it", config);
        admin = AdminClient.of(node, ADMIN_TOKEN);
        bob = BtpTestClient.authenticated(node.btpUri(), "bob", "bob-token");
        Thread answering = new Thread(() -> {
            try {
                bob.answerPrepares(p -> p.amount() % 2 == 0
                        ? Frames.ilpFulfill(fulfillments.get(
                                HexFormat.of().formatHex(p.executionCondition())), new byte[0])
                        : Frames.ilpReject("F99", "test.exp.bob", MARKUP, new byte[0]));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "bob");
        answering.setDaemon(true);
        answering.start();
    }

    @AfterAll
    void stopNode() {
        if (bob != null) {
            bob.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theLogAndTelemetryNeedTheAdminToken() throws Exception {
        assertEquals(401, admin.get("/admin/packets", null).statusCode());
        assertEquals(401, admin.get("/admin/telemetry", null).statusCode());
        assertEquals(401, admin.postJson("/admin/explorer/tickets", "{}",
                Map.of("Authorization", "Bearer wrong")).statusCode());
    }

    @Test
    void aFeedWithoutOrWithAUsedTicketClosesWith1008() throws Exception {
        try (FeedClient none = FeedClient.open(node, null)) {
            assertEquals(1008, none.awaitClose(WAIT));
        }
        try (FeedClient made = FeedClient.open(node, "made-up")) {
            assertEquals(1008, made.awaitClose(WAIT));
        }
        String ticket = ticket();
        try (FeedClient first = FeedClient.open(node, ticket)) {
            Thread.sleep(500);
            assertTrue(!first.isClosed(), "a fresh ticket opens the feed");
            try (FeedClient again = FeedClient.open(node, ticket)) {
                assertEquals(1008, again.awaitClose(WAIT), "a ticket opens one feed only");
            }
        }
    }

    @Test
    void aNinthBrowserIsToldToComeBackLater() throws Exception {
        List<FeedClient> open = new ArrayList<>();
        try {
            // Other tests of this class may hold a feed open meanwhile; fill what is left.
            for (int i = 0; i < 9; i++) {
                FeedClient c = FeedClient.open(node, ticket());
                open.add(c);
                Thread.sleep(200);
                if (c.isClosed()) {
                    assertEquals(1013, c.awaitClose(WAIT));
                    assertTrue(open.size() >= 1, "at least one place for this test");
                    return;
                }
            }
            throw new AssertionError("nine browsers were let in");
        } finally {
            open.forEach(FeedClient::close);
        }
    }

    @Test
    void packetsShowInTheLogAndTheFeed() throws Exception {
        try (FeedClient feed = FeedClient.open(node, ticket());
             BtpTestClient alice = BtpTestClient.authenticated(node.btpUri(), "alice",
                     "alice-token")) {
            byte[] sentFulfilled = prepare(1000, 1);
            byte[] sentRejected = prepare(1001, 2);
            assertInstanceOf(Frames.Fulfill.class, alice.sendIlp(sentFulfilled));
            assertInstanceOf(Frames.Reject.class, alice.sendIlp(sentRejected));

            JsonObject f99 = awaitPackets("/admin/packets?peer=bob&code=F99&limit=1");
            assertEquals(MARKUP, f99.getString("message"), "a stranger's text, as text");
            assertEquals("rejected", f99.getString("outcome"));
            assertEquals("test.exp.bob", f99.getString("triggeredBy"));
            assertEquals("1001", f99.getString("amount"));

            JsonObject listed = awaitPackets("/admin/packets?prefix=test.exp.bob.&condition="
                    + HexFormat.of().formatHex(Frames.sha256(fulfillment(1))));
            assertEquals("fulfilled", listed.getString("outcome"));
            assertEquals("alice", listed.getString("from"));
            assertEquals("bob", listed.getString("to"));
            assertEquals("XRP", listed.getString("assetCode"));
            assertEquals(9, listed.getInt("assetScale"));
            assertEquals(JsonValue.ValueType.NULL, listed.get("code").getValueType());

            HttpResponse<String> r = admin.get("/admin/packets/" + listed.getString("id"));
            assertEquals(200, r.statusCode(), r.body());
            JsonObject detail = AdminClient.parseObject(r.body());
            assertEquals(HexFormat.of().formatHex(sentFulfilled), detail.getString("prepareHex"));
            assertEquals(HexFormat.of().formatHex(Frames.ilpFulfill(fulfillment(1),
                    new byte[0])), detail.getString("responseHex"));
            assertArrayEquals(fulfillment(1),
                    HexFormat.of().parseHex(detail.getString("fulfillment")));
            assertEquals(false, detail.getBoolean("bytesEvicted"));
            assertTrue(detail.getJsonObject("steps").getJsonNumber("answeredMs").doubleValue()
                    >= 0, r.body());
            assertEquals(404, admin.get("/admin/packets/999999999").statusCode());
            assertEquals(400, admin.get("/admin/packets?limit=501").statusCode());

            String fed = feed.await(m -> m.startsWith("{\"type\":\"packet\"")
                    && m.contains("\"id\":\"" + listed.getString("id") + "\""), WAIT);
            assertTrue(fed.contains("\"outcome\":\"fulfilled\""), fed);
            feed.await(m -> m.startsWith("{\"type\":\"packet\"") && m.contains("F99")
                    && m.contains("\\u003cimg"), WAIT);
            feed.await(m -> m.startsWith("{\"type\":\"balance\",\"peer\":\"alice\""), WAIT);
            feed.await(m -> m.startsWith("{\"type\":\"totals\""), WAIT);

            JsonObject telemetry = AdminClient.parseObject(admin.get("/admin/telemetry").body());
            assertTrue(telemetry.getJsonObject("ring").getInt("capacity") > 0,
                    telemetry.toString());
            assertTrue(telemetry.getInt("packetsLogged") >= 2, telemetry.toString());
            assertTrue(telemetry.getInt("clients") >= 1, telemetry.toString());
            assertTrue(telemetry.getJsonNumber("bytesLogged").longValue() > 0);
        }
    }

    @Test
    void aLinkComingUpAndGoingDownReachesTheFeed() throws Exception {
        try (FeedClient feed = FeedClient.open(node, ticket())) {
            Thread.sleep(300);
            BtpTestClient alice = BtpTestClient.authenticated(node.btpUri(), "alice",
                    "alice-token");
            feed.await(m -> m.equals("{\"type\":\"link\",\"peer\":\"alice\",\"up\":true}"),
                    WAIT);
            alice.close();
            feed.await(m -> m.equals("{\"type\":\"link\",\"peer\":\"alice\",\"up\":false}"),
                    WAIT);
        }
    }

    private String ticket() throws Exception {
        HttpResponse<String> r = admin.postJson("/admin/explorer/tickets", "{}");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = AdminClient.parseObject(r.body());
        assertEquals(30_000, body.getInt("expiresInMs"));
        return body.getString("ticket");
    }

    /** The newest packet the query lists, once there is one. */
    private JsonObject awaitPackets(String query) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = admin.get(query);
            assertEquals(200, r.statusCode(), r.body());
            JsonArray packets = AdminClient.parseObject(r.body()).getJsonArray("packets");
            if (!packets.isEmpty()) {
                return packets.getJsonObject(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing listed for " + query);
    }

    private byte[] prepare(long amount, int n) {
        byte[] f = fulfillment(n);
        byte[] condition = Frames.sha256(f);
        fulfillments.put(HexFormat.of().formatHex(condition), f);
        return Frames.ilpPrepare(amount, Instant.now().plusSeconds(30), condition,
                "test.exp.bob.shop", new byte[0]);
    }

    private static byte[] fulfillment(int n) {
        byte[] f = new byte[32];
        f[0] = (byte) n;
        f[31] = 7;
        return f;
    }
}
