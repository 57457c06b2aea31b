package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ilpconnector.contracts.Anvil;
import dev.ilpconnector.contracts.ContractsDeployer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Two nodes settle in an ERC-20 over a real chain (anvil, the project's contracts): alice (a
 * BTP client of this test) pays through node A to the JS sink behind node B past A's settle
 * threshold for B; A opens a channel to B and sends one signed claim over BTP; B checks it
 * against the chain and credits A. Until the close, A's account sends only the approve and
 * the open; the cooperative close pays B on chain exactly what the claims said.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class EvmSettlementIT {

    static final String ADMIN = "evm-it-admin-token";
    private static final byte[] SINK_FULFILLMENT =
            Frames.sha256("ilp-connector-bench-fulfillment".getBytes(StandardCharsets.US_ASCII));
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final BigInteger FUNDS = BigInteger.valueOf(1_000_000_000L);

    @Test
    void aPaysBThroughAChannelAndTheCloseMovesExactlyTheClaims() throws Exception {
        NodeJs js = NodeJs.installed();
        try (Anvil anvil = Anvil.start()) {
            ContractsDeployer owner = new ContractsDeployer(anvil.web3j(),
                    anvil.credentials(0), anvil.chainId());
            ContractsDeployer.Deployment chain = owner.deploy(
                    ContractsDeployer.DEFAULT_SUPPLY);
            String aAccount = anvil.credentials(1).getAddress();
            String bAccount = anvil.credentials(2).getAddress();
            owner.fund(chain.token(), aAccount, FUNDS);
            Path dir = Files.createTempDirectory(ItPaths.work(), "evm-it");
            EvmLine line = EvmLine.of(anvil, chain, dir, "1000");
            Map<String, String> a = line.a();
            Map<String, String> b = line.b();

            try (ConnectorProcess nodeB = ConnectorProcess.startReady("evm-b", b);
                 ConnectorProcess nodeA = ConnectorProcess.startReady("evm-a", a);
                 LoggedProcess sink = js.start("load-sink.js", "--btp",
                         nodeB.btpUrl("sink", "sink-token"), "--timeout", "200")) {
                sink.awaitLine(Pattern.compile("SINK READY"), Duration.ofSeconds(60));
                AdminClient adminA = AdminClient.of(nodeA, ADMIN);
                AdminClient adminB = AdminClient.of(nodeB, ADMIN);
                BigInteger txBefore = txCount(anvil, aAccount);

                try (BtpTestClient alice = BtpTestClient.authenticated(nodeA.btpUri(), "alice",
                        "alice-token")) {
                    long paid = 0;
                    for (int i = 0; i < 3; i++) {
                        assertInstanceOf(Frames.Fulfill.class, pay(alice, 400));
                        paid += 400;
                    }
                    JsonObject bAtA = await(adminA, "/admin/peers/b/balance",
                            o -> o.getString("settledOut").equals("1200"));
                    assertEquals("0", bAtA.getString("balance"), bAtA.toString());
                    JsonObject aAtB = await(adminB, "/admin/peers/a/balance",
                            o -> o.getString("settledIn").equals("1200"));
                    assertEquals(paid, 1200);
                    assertEquals("0", aAtB.getString("balance"), aAtB.toString());
                }
                assertEquals(2, txCount(anvil, aAccount).subtract(txBefore).intValue(),
                        "approve and open, nothing per claim");

                JsonObject channels = ok(adminA.get("/admin/peers/b/channel"));
                JsonArray list = channels.getJsonArray("channels");
                assertEquals(1, list.size(), channels.toString());
                JsonObject out = list.getJsonObject(0);
                assertEquals("outgoing", out.getString("direction"));
                assertEquals("open", out.getString("state"));
                assertEquals("1200", out.getString("bestClaim"));
                assertEquals("0", out.getString("claimed"), "nothing on chain yet");
                JsonObject atB = ok(adminB.get("/admin/peers/a/channel")).getJsonArray(
                        "channels").getJsonObject(0);
                assertEquals("incoming", atB.getString("direction"));
                assertEquals("1200", atB.getString("bestClaim"));

                assertEquals(409, adminA.postJson("/admin/peers/alice/channel/close",
                        "{\"mode\":\"cooperative\"}").statusCode(), "alice settles by hand");
                assertEquals(404, adminA.postJson("/admin/peers/nobody/channel/close",
                        "{}").statusCode());
                assertEquals(400, adminA.postJson("/admin/peers/b/channel/close",
                        "{\"mode\":\"later\"}").statusCode());
                JsonObject closed = ok(adminA.postJson("/admin/peers/b/channel/close",
                        "{\"mode\":\"cooperative\"}"));
                assertEquals("cooperative", closed.getString("mode"), closed.toString());

                BigInteger deposit = new BigInteger(out.getString("deposit"));
                assertEquals(BigInteger.valueOf(1200), owner.balanceOf(chain.token(),
                        bAccount), "B holds the claims, to the unit");
                assertEquals(FUNDS.subtract(BigInteger.valueOf(1200)), owner.balanceOf(
                        chain.token(), aAccount), "A got back its deposit " + deposit
                        + " less the claims");
                assertEquals(BigInteger.ZERO, owner.balanceOf(chain.token(),
                        chain.tokenNetwork()), "nothing left in the channel");
            }
        }
    }

    /** One node's config: USD at 6 decimals like the token, EVM settlement on anvil. */
    private static Object pay(BtpTestClient alice, long amount) throws Exception {
        return alice.sendIlp(Frames.ilpPrepare(amount, Instant.now().plusSeconds(30),
                Frames.sha256(SINK_FULFILLMENT), "test.b.sink.evm-it", new byte[0]));
    }

    private static BigInteger txCount(Anvil anvil, String account) throws Exception {
        return anvil.web3j().ethGetTransactionCount(account, DefaultBlockParameterName.LATEST)
                .send().getTransactionCount();
    }

    static JsonObject await(AdminClient admin, String path, Predicate<JsonObject> done)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            HttpResponse<String> response = admin.get(path);
            if (response.statusCode() == 200) {
                JsonObject o = AdminClient.parseObject(response.body());
                if (done.test(o)) {
                    return o;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(path + " still " + o);
                }
            } else if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " answered " + response.statusCode() + " "
                        + response.body());
            }
            Thread.sleep(250); // an admin poll, not a timing assertion
        }
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return AdminClient.parseObject(response.body());
    }
}
