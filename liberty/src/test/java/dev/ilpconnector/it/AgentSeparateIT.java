package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A separate agent (docs/agent.md, second layout): node B is the same jar with a parent, node
 * A, no ILP_ADDRESS (it learns test.a.b by IL-DCP) and a business logic. A's child sender pays
 * B's agent by SPSP; A's links, ledger and routing carry the money.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class AgentSeparateIT {

    private static final long AMOUNT = 300_000;

    private NodeJs js;
    private BusinessLogicJs businessLogic;
    private ConnectorProcess a;

    @BeforeAll
    void start() throws Exception {
        js = NodeJs.installed();
        businessLogic = BusinessLogicJs.start(js, "accept", "allow");
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.a", "NODE_ID", "agent-sep-a",
                "ADMIN_API_TOKEN", AgentIT.ADMIN_TOKEN, "CONNECTOR_PEERS", "sender,b,c",
                "ASSET_CODE", "XRP", "ASSET_SCALE", "9");
        ConnectorProcess.streamChild(config, "sender");
        config.put("PEER_SENDER_MIN_BALANCE", "-1000000");
        ConnectorProcess.peer(config, "b", "RELATION", "child", "BTP_TOKEN", "b-token");
        ConnectorProcess.peer(config, "c", "RELATION", "child", "BTP_TOKEN", "c-token");
        a = ConnectorProcess.startReady("agent-sep-a", config);
    }

    @AfterAll
    void stop() {
        if (a != null) {
            a.close();
        }
        if (businessLogic != null) {
            businessLogic.close();
        }
    }

    /** A node with parent A (as child {@code id}), no address, and the business logic. */
    private Map<String, String> agentOnly(String id) {
        Map<String, String> config = ConnectorProcess.config(
                "NODE_ID", "agent-sep-" + id, "ADMIN_API_TOKEN", AgentIT.ADMIN_TOKEN,
                "CONNECTOR_PEERS", "up",
                "BUSINESS_LOGIC_URL", businessLogic.url());
        ConnectorProcess.peer(config, "up", "RELATION", "parent",
                "BTP_URL", a.btpUrl(id, id + "-token"), "ASSET_CODE", "XRP", "ASSET_SCALE", "9",
                "MIN_BALANCE", "-1000000");
        return config;
    }

    @Test
    void theSenderOnAPaysTheAgentOfB() throws Exception {
        try (ConnectorProcess b = ConnectorProcess.startReady("agent-sep-b", agentOnly("b"))) {
            String paymentId = "sep-" + System.nanoTime();
            AgentSender.Result r = AgentSender.pay(js, a, b.agentUri() + "/" + paymentId, AMOUNT,
                    Duration.ofSeconds(60));
            assertEquals(0, r.exit(), r.output());
            assertEquals(AMOUNT, r.delivered());
            assertEquals(AMOUNT, businessLogic.paid(paymentId));
            assertEquals(r.paid(), businessLogic.payments(paymentId).size());
            assertEquals("test.a.b", businessLogic.payments(paymentId).get(0)
                    .getString("destination").replaceAll("\\.[^.]+$", ""),
                    "B's agent receives under the address B learned");
            AdminClient adminA = AdminClient.of(a, AgentIT.ADMIN_TOKEN);
            AdminClient adminB = AdminClient.of(b, AgentIT.ADMIN_TOKEN);
            adminA.awaitPeer("b", p -> "300000".equals(p.getString("balance")),
                    Duration.ofSeconds(10));
            assertEquals("-300000", adminA.peers().get("sender").getString("balance"));
            adminB.awaitPeer("up", p -> "-300000".equals(p.getString("balance"))
                    && "0".equals(p.getString("pendingIn")), Duration.ofSeconds(10));
        }
    }

    @Test
    void aLearnedAddressOutsideTheBaseAddressTurnsTheAgentOff() throws Exception {
        Map<String, String> config = agentOnly("c");
        config.put("BASE_ADDRESS", "test.elsewhere");
        try (ConnectorProcess c = ConnectorProcess.startReady("agent-sep-c", config)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> spsp = http.send(HttpRequest.newBuilder(
                    URI.create(c.agentUri() + "/.well-known/pay"))
                    .header("Accept", AgentIT.SPSP4).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, spsp.statusCode(), spsp.body());
            c.process().awaitLine(Pattern.compile("agent=off config error: base.address"
                    + " 'test.elsewhere' is outside the node's address test.a.c"),
                    Duration.ofSeconds(10));
            assertEquals(200, c.readyStatus(), "the node itself stays ready");
        }
    }
}
