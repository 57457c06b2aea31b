package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Black-box tests of one node over its public surfaces only: {@code /health}, {@code /admin}
 * and BTP on {@code /btp}, with frames built by the tests' own {@link Frames} codec. One node
 * (two children, alice with a small max packet amount) serves all tests of this class; tests
 * that need another configuration are in {@link ConnectorConfigIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConnectorIT {

    private static final String ADMIN_TOKEN = "connector-it-admin-token";
    private static final long ALICE_MAX_PACKET_AMOUNT = 1000;
    /** prepare_basic of ../shared/vectors (ilp-packet 3.1.3). */
    private static final String PREPARE_VECTOR = "0c53000000000000006b32303137313232333031323134"
            + "3035343968389fc771ca125c585811f7493d5f467395db1954a866baca78c52b6fb9c4e1"
            + "0d6578616d706c652e616c6963650b68656c6c6f20776f726c64";

    private ConnectorProcess node;
    private AdminClient admin;

    @BeforeAll
    void startNode() throws Exception {
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.java",
                "NODE_ID", "connector-it",
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "CONNECTOR_PEERS", "alice,bob");
        ConnectorProcess.peer(config, "alice", "RELATION", "child", "BTP_TOKEN", "alice-token",
                "ASSET_CODE", "XRP", "ASSET_SCALE", "9",
                "MAX_PACKET_AMOUNT", Long.toString(ALICE_MAX_PACKET_AMOUNT),
                "MIN_BALANCE", "-1000000");
        ConnectorProcess.peer(config, "bob", "RELATION", "child", "BTP_TOKEN", "bob-token",
                "ASSET_CODE", "XRP", "ASSET_SCALE", "9", "MAX_PACKET_AMOUNT", "1000000",
                "MIN_BALANCE", "-1000000");
        node = ConnectorProcess.startReady("connector-it", config);
        admin = AdminClient.of(node, ADMIN_TOKEN);
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    // ------------------------------------------------------------------ health

    @Test
    void healthReadyAndLiveAreUp() throws Exception {
        HttpResponse<String> ready = admin.get("/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("UP", AdminClient.parseObject(ready.body()).getString("status"));
        HttpResponse<String> live = admin.get("/health/live", null);
        assertEquals(200, live.statusCode(), live.body());
        assertEquals("UP", AdminClient.parseObject(live.body()).getString("status"));
    }

    // ------------------------------------------------------------------ admin

    @Test
    void adminRefusesMissingOrWrongToken() throws Exception {
        assertEquals(401, admin.get("/admin/peers", null).statusCode(), "no Authorization");
        assertEquals(401, admin.get("/admin/peers", "Bearer wrong-token").statusCode(),
                "wrong token");
        assertEquals(401, admin.get("/admin/peers", "Basic " + ADMIN_TOKEN).statusCode(),
                "not a bearer token");
    }

    @Test
    void adminListsConfiguredPeers() throws Exception {
        Map<String, JsonObject> peers = admin.peers();
        assertTrue(peers.keySet().containsAll(java.util.List.of("alice", "bob")), peers.toString());
        JsonObject alice = peers.get("alice");
        assertEquals("child", alice.getString("relation").toLowerCase(java.util.Locale.ROOT));
        assertEquals(0, AdminClient.asLong(alice.get("balance")));
        assertTrue(alice.containsKey("connected"), alice.toString());
    }

    @Test
    void decodeEndpointDecodesAVector() throws Exception {
        HttpResponse<String> r = admin.postJson("/admin/packets/decode",
                "{\"hex\":\"" + PREPARE_VECTOR + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject decoded = AdminClient.parseObject(r.body());
        String text = decoded.toString();
        assertTrue(text.contains("example.alice"), text);
        assertTrue(text.contains("107"), "amount 107 in " + text);
        assertTrue(text.contains("68656c6c6f20776f726c64") || text.contains("aGVsbG8gd29ybGQ")
                || text.contains("hello world"), "data in " + text);
    }

    @Test
    void decodeEndpointRejectsGarbage() throws Exception {
        for (String hex : new String[] {"0c02ff", "ff", "zz-not-hex", ""}) {
            HttpResponse<String> r = admin.postJson("/admin/packets/decode",
                    "{\"hex\":\"" + hex + "\"}");
            assertEquals(400, r.statusCode(), "hex '" + hex + "': " + r.body());
            JsonObject body = AdminClient.parseObject(r.body());
            assertTrue(!body.getString("error").isBlank(), r.body());
        }
    }

    // ------------------------------------------------------------------ BTP

    @Test
    void btpAuthWithWrongTokenIsRefused() throws Exception {
        try (BtpTestClient c = BtpTestClient.connect(node.btpUri())) {
            long id = c.nextRequestId();
            c.sendRaw(Frames.btpAuth(id, "alice", "not-alice-token"));
            Optional<Frames.Btp> answer = c.awaitFrameOrClose(BtpTestClient.REPLY_TIMEOUT);
            answer.ifPresent(btp -> assertEquals(Frames.BTP_ERROR, btp.type(),
                    "wrong token must not get a Response: " + btp));
        }
        try (BtpTestClient c = BtpTestClient.connect(node.btpUri())) {
            c.sendRaw(Frames.btpAuth(c.nextRequestId(), "mallory", "alice-token"));
            Optional<Frames.Btp> answer = c.awaitFrameOrClose(BtpTestClient.REPLY_TIMEOUT);
            answer.ifPresent(btp -> assertEquals(Frames.BTP_ERROR, btp.type(),
                    "unknown peer must not get a Response: " + btp));
        }
    }

    @Test
    void malformedFrameGetsBtpErrorAndSessionSurvives() throws Exception {
        try (BtpTestClient c = BtpTestClient.authenticated(node.btpUri(), "alice", "alice-token")) {
            // MESSAGE, requestId 77, content length 127 but only two bytes follow
            c.sendRaw(new byte[] {6, 0, 0, 0, 77, 0x7f, 1, 2});
            Frames.Btp error = nextError(c);
            assertEquals(Frames.BTP_ERROR, error.type());
            assertEquals(3, error.errorCode().length(), error.toString());
            // TRANSFER, requestId 78, content cut inside the amount
            c.sendRaw(new byte[] {7, 0, 0, 0, 78, 4, 0, 0, 0, 1});
            assertEquals(Frames.BTP_ERROR, nextError(c).type());
            // an unknown type may be a request or a reply, so it gets no answer (an Error to a
            // reply could loop between two peers), but it must not end the session either
            c.sendRaw(new byte[] {99, 0, 0, 0, 79, 0});
            // the session is still up and usable
            assertEquals("test.java.alice", c.ildcp().clientAddress());
            assertTrue(!c.isClosedByServer(), "session closed by the server");
        }
    }

    @Test
    void ildcpGivesChildItsAddress() throws Exception {
        try (BtpTestClient c = BtpTestClient.authenticated(node.btpUri(), "alice", "alice-token")) {
            Frames.Ildcp ildcp = c.ildcp();
            assertEquals("test.java.alice", ildcp.clientAddress());
            assertEquals("XRP", ildcp.assetCode());
            assertEquals(9, ildcp.assetScale());
        }
    }

    @Test
    void prepareToUnknownAddressIsRejectedF02() throws Exception {
        try (BtpTestClient c = BtpTestClient.authenticated(node.btpUri(), "alice", "alice-token")) {
            Object reply = c.sendIlp(prepare(10, "test.nowhere.x"));
            Frames.Reject reject = assertInstanceOf(Frames.Reject.class, reply);
            assertEquals("F02", reject.code(), reject.toString());
            assertEquals("test.java", reject.triggeredBy());
        }
    }

    @Test
    void prepareOverMaxPacketAmountIsRejectedF08() throws Exception {
        try (BtpTestClient c = BtpTestClient.authenticated(node.btpUri(), "alice", "alice-token")) {
            long amount = ALICE_MAX_PACKET_AMOUNT + 1;
            Object reply = c.sendIlp(prepare(amount, "test.java.bob"));
            Frames.Reject reject = assertInstanceOf(Frames.Reject.class, reply);
            assertEquals("F08", reject.code(), reject.toString());
            assertEquals("test.java", reject.triggeredBy());
            // RFC 27 §F08: data = received amount, maximum amount (UInt64 each)
            assertArrayEquals(new long[] {amount, ALICE_MAX_PACKET_AMOUNT},
                    Frames.amountTooLarge(reject.data()));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] prepare(long amount, String destination) {
        byte[] fulfillment = new byte[32];
        fulfillment[0] = 1;
        return Frames.ilpPrepare(amount, Instant.now().plusSeconds(30), Frames.sha256(fulfillment),
                destination, new byte[0]);
    }

    /** The next BTP Error on the session, skipping requests the server may send itself. */
    private static Frames.Btp nextError(BtpTestClient c) throws Exception {
        long deadline = System.nanoTime() + BtpTestClient.REPLY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Frames.Btp> f = c.awaitFrameOrClose(
                    Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (f.isEmpty()) {
                throw new AssertionError("server closed the session instead of a BTP Error");
            }
            if (f.get().type() == Frames.BTP_ERROR) {
                return f.get();
            }
        }
        throw new AssertionError("no BTP Error within " + BtpTestClient.REPLY_TIMEOUT);
    }
}
