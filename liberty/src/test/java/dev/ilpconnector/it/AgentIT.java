package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent runtime in a node (docs/agent.md): SPSP on the agent port, a JS STREAM sender (a BTP
 * child of the node) paying it, and the business logic ({@code business-logic.js}) deciding.
 * One node and one business logic for the class (a node start is the slow part); each test uses
 * payments of its own ({@code GET /{paymentId}}) and compares balances before and after, and
 * picks the business logic's answer per payment with the SPSP query's {@code mode} parameter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AgentIT {

    static final String ADMIN_TOKEN = "agent-it-admin-token";
    static final String SPSP4 = "application/spsp4+json";
    private static final long AMOUNT = 300_000;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();
    private NodeJs js;
    private BusinessLogicJs businessLogic;
    private ConnectorProcess node;
    private AdminClient admin;

    /** A node test.shop whose agent pays {@code businessLogicUrl}; its child sender pays in. */
    static Map<String, String> shop(String nodeId, String businessLogicUrl) {
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.shop",
                "NODE_ID", nodeId,
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "CONNECTOR_PEERS", "sender",
                "ASSET_CODE", "XRP",
                "ASSET_SCALE", "9",
                "BUSINESS_LOGIC_URL", businessLogicUrl,
                "AGENT_SECRET", "5f".repeat(32));
        ConnectorProcess.streamChild(config, "sender");
        config.put("PEER_SENDER_MIN_BALANCE", "-1000000");
        return config;
    }

    @BeforeAll
    void start() throws Exception {
        js = NodeJs.installed();
        businessLogic = BusinessLogicJs.start(js, "accept", "allow");
        node = ConnectorProcess.startReady("agent-it", shop("agent-it", businessLogic.url()));
        admin = AdminClient.of(node, ADMIN_TOKEN);
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
        if (businessLogic != null) {
            businessLogic.close();
        }
    }

    private HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String paymentId() {
        return "it-" + UUID.randomUUID();
    }

    private String spsp(String paymentId, String query) {
        return node.agentUri() + "/" + paymentId + (query.isEmpty() ? "" : "?" + query);
    }

    @Test
    void spspAnswersOnTheAgentPortOnly() throws Exception {
        HttpResponse<String> r = get(node.agentUri().resolve("/.well-known/pay"),
                "Accept", SPSP4);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(SPSP4),
                r.headers().toString());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        JsonObject body = AdminClient.parseObject(r.body());
        assertTrue(body.getString("destination_account").startsWith("test.shop."), r.body());
        assertEquals(32, Base64.getDecoder().decode(body.getString("shared_secret")).length);
        assertFalse(body.containsKey("receipts_enabled"));

        assertEquals(200, get(node.agentUri().resolve("/"), "Accept", SPSP4).statusCode());
        assertEquals(404, get(node.baseUri().resolve("/.well-known/pay"), "Accept", SPSP4)
                .statusCode(), "SPSP is not on the node's HTTP port");
        assertEquals(404, get(node.agentUri().resolve("/admin/peers")).statusCode(),
                "the admin API is not on the agent port");
        HttpResponse<String> health = get(node.agentUri().resolve("/health"));
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("UP", AdminClient.parseObject(health.body()).getString("status"));
    }

    @Test
    void spspRefusesWhatItCannotServe() throws Exception {
        String id = paymentId();
        HttpResponse<String> denied = get(URI.create(spsp(id, "deny=1")), "Accept", SPSP4);
        assertEquals(403, denied.statusCode(), denied.body());
        businessLogic.awaitSetup(id);
        assertEquals(1, businessLogic.setups(id).size(), "payment-setup was asked once");
        assertEquals(400, get(node.agentUri().resolve("/.well-known/pay"), "Accept", SPSP4,
                "Receipt-Nonce", Base64.getEncoder().encodeToString(new byte[16])).statusCode(),
                "a receipt nonce without its secret");
        assertEquals(400, get(URI.create(node.agentUri() + "/not%20an%20id"), "Accept", SPSP4)
                .statusCode());
        HttpResponse<String> receipts = get(node.agentUri().resolve("/.well-known/pay"),
                "Accept", SPSP4,
                "Receipt-Nonce", Base64.getEncoder().encodeToString(new byte[16]),
                "Receipt-Secret", Base64.getEncoder().encodeToString(new byte[32]));
        assertEquals(200, receipts.statusCode(), receipts.body());
        assertTrue(AdminClient.parseObject(receipts.body()).getBoolean("receipts_enabled"));
    }

    @Test
    void aPaymentReachesTheBusinessLogicWithItsMetadataAndReceipts() throws Exception {
        long before = balance();
        String id = paymentId();
        AgentSender.Result r = AgentSender.pay(js, node, spsp(id, "product=p1"), AMOUNT,
                Duration.ofSeconds(60), "--receipts");
        assertEquals(0, r.exit(), r.output());
        assertEquals(AMOUNT, r.delivered(), r.output());
        assertEquals(AMOUNT, r.receiptTotal(), "the last receipt verifies and says all arrived");
        assertEquals(AMOUNT, businessLogic.paid(id), "handle-payment amounts sum to the payment");
        List<JsonObject> calls = businessLogic.payments(id);
        assertEquals(r.paid(), calls.size(), "one handle-payment per paid packet, none for"
                + " probes: " + r);
        // the sender's probes: F99 with the STREAM reply from the agent, F08 from the node's
        // max packet amount for the larger ones
        assertTrue(r.probeRejects().containsKey("F99") && r.probeRejects().keySet().stream()
                .allMatch(c -> c.equals("F99") || c.equals("F08")), r.toString());
        for (JsonObject call : calls) {
            assertEquals("p1", call.getJsonObject("metadata").getString("product"),
                    call.toString());
            assertTrue(call.getString("destination").startsWith("test.shop."), call.toString());
        }
        assertEquals("p1", businessLogic.setups(id).get(0).getJsonObject("queryParams")
                .getString("product"));
        JsonObject sender = admin.awaitPeer("sender",
                p -> Long.parseLong(p.getString("balance")) == before - AMOUNT,
                Duration.ofSeconds(10));
        assertEquals("0", sender.getString("pendingIn"), "nothing left pending");
    }

    @Test
    void theBusinessLogicsDataReachesTheSenderOnItsStream() throws Exception {
        String id = paymentId();
        AgentSender.Result r = AgentSender.pay(js, node, spsp(id, "mode=data:thanks"), AMOUNT,
                Duration.ofSeconds(60));
        assertEquals(0, r.exit(), r.output());
        assertEquals(AMOUNT, r.delivered(), r.output());
        assertTrue(r.paid() > 0, r.toString());
        // ilp-protocol-stream reads it from the stream: one "thanks" per paid packet, in order
        Matcher data = Pattern.compile("(?m)^RECEIVED_DATA=(.*)$").matcher(r.output());
        assertTrue(data.find(), r.output());
        assertEquals("thanks".repeat(r.paid()), data.group(1).trim(), r.toString());
        assertEquals(r.paid(), businessLogic.payments(id).size());
    }

    @ParameterizedTest
    @CsvSource({
        "insufficient_funds, T04",
        "expired, R00",
        "invalid_request, F00",
        "invalid_amount, F03",
        "unexpected_payment, F06",
        "application_error, F99",
        "internal_error, T00",
    })
    void eachRejectReasonReachesTheSenderAsItsIlpCode(String reason, String code)
            throws Exception {
        refused("reject:" + reason, code, Duration.ofSeconds(12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"down", "status:500", "garbage", "slow:7000"})
    void aBusinessLogicThatFailsIsT00AndNeverAFulfill(String mode) throws Exception {
        refused(mode, "T00", Duration.ofSeconds(15));
        if (mode.startsWith("slow")) {
            node.process().awaitLine(Pattern.compile("event=business_logic_late paymentId=it-"),
                    Duration.ofSeconds(30));
        }
    }

    /** A payment in {@code mode}: only {@code code} comes back, nobody is paid. */
    private void refused(String mode, String code, Duration timeout) throws Exception {
        long before = balance();
        String id = paymentId();
        AgentSender.Result r = AgentSender.pay(js, node, spsp(id, "mode=" + mode), AMOUNT,
                timeout);
        assertTrue(r.exit() != 0, "the payment fails: " + r.output());
        // a zero-amount packet (the connection's first) is fulfilled without money or a call
        assertEquals(0, r.paid(), "no packet with money is fulfilled: " + r);
        assertEquals(Map.of(code, r.rejects().getOrDefault(code, 0)), r.rejects(),
                "only " + code + ": " + r);
        assertTrue(r.rejects().get(code) > 0, r.toString());
        assertFalse(businessLogic.payments(id).isEmpty(), "the business logic was asked");
        JsonObject sender = admin.awaitPeer("sender",
                p -> "0".equals(p.getString("pendingIn")), Duration.ofSeconds(10));
        assertEquals(before, Long.parseLong(sender.getString("balance")),
                "a refused payment moves no money");
    }

    private long balance() throws Exception {
        return Long.parseLong(admin.peers().get("sender").getString("balance"));
    }
}
