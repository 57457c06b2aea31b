package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ilpconnector.contracts.Anvil;
import dev.ilpconnector.contracts.ContractsDeployer;
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

/**
 * The chain goes away mid-run (anvil stopped): a settlement that needs it (a top-up) waits
 * with its intent pending, packets keep flowing within the peers' headroom, and once the chain
 * is back the same settlement completes, once. The JS sink behind node B fulfills every packet.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class EvmOutageIT {

    private static final String ADMIN = EvmSettlementIT.ADMIN;
    /** The fulfillment load-sink.js answers with (liberty/src/test/js/lib/load-constants.js). */
    private static final byte[] FULFILLMENT =
            Frames.sha256("ilp-connector-bench-fulfillment".getBytes(StandardCharsets.US_ASCII));
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void settlementsWaitForTheChainWhilePacketsFlow() throws Exception {
        NodeJs js = NodeJs.installed();
        try (Anvil anvil = Anvil.start()) {
            ContractsDeployer owner = new ContractsDeployer(anvil.web3j(),
                    anvil.credentials(0), anvil.chainId());
            ContractsDeployer.Deployment chain = owner.deploy(ContractsDeployer.DEFAULT_SUPPLY);
            owner.fund(chain.token(), anvil.credentials(1).getAddress(),
                    BigInteger.valueOf(1_000_000_000L));
            Path dir = Files.createTempDirectory(ItPaths.work(), "evm-outage");
            EvmLine line = EvmLine.of(anvil, chain, dir, "1000");
            Map<String, String> a = line.a();
            Map<String, String> b = line.b();
            a.put("SETTLEMENT_EVM_DEPOSIT", "1500"); // the second settlement needs a top-up

            try (ConnectorProcess nodeB = ConnectorProcess.startReady("outage-b", b);
                 ConnectorProcess nodeA = ConnectorProcess.startReady("outage-a", a);
                 LoggedProcess sink = js.start("load-sink.js", "--btp",
                         nodeB.btpUrl("sink", "sink-token"), "--timeout", "200");
                 BtpTestClient alice = BtpTestClient.authenticated(nodeA.btpUri(), "alice",
                         "alice-token")) {
                sink.awaitLine(Pattern.compile("SINK READY"), Duration.ofSeconds(60));
                AdminClient adminA = AdminClient.of(nodeA, ADMIN);
                for (int i = 0; i < 3; i++) {
                    assertInstanceOf(Frames.Fulfill.class, pay(alice, 400));
                }
                await(adminA, o -> o.getString("settledOut").equals("1200"));

                anvil.stopNode();
                for (int i = 0; i < 3; i++) {
                    assertInstanceOf(Frames.Fulfill.class, pay(alice, 400),
                            "packets flow within the headroom");
                }
                await(adminA, o -> o.getString("settlementInFlight").equals("1200"));
                Thread.sleep(3_000); // a few attempts against the dead RPC
                JsonObject waiting = ok(adminA.get("/admin/peers/b/balance"));
                assertEquals("1200", waiting.getString("settledOut"), "nothing settled, "
                        + "nothing failed: " + waiting);
                assertEquals(409, adminA.postJson("/admin/settlements/b-USD-6-1/confirm", "{}")
                        .statusCode(), "a chain engine's settlement is not confirmed by hand");

                anvil.restartNode();
                assertInstanceOf(Frames.Fulfill.class, pay(alice, 400)); // the next check
                JsonObject done = await(adminA, o -> o.getString("settledOut").equals("2400"));
                assertEquals("400", done.getString("balance"), done.toString());
                JsonObject atB = await(AdminClient.of(nodeB, ADMIN), "/admin/peers/a/balance",
                        o -> o.getString("settledIn").equals("2400"));
                assertEquals("2400", atB.getString("settledIn"), "once: " + atB);
            }
        }
    }

    private static Object pay(BtpTestClient alice, long amount) throws Exception {
        return alice.sendIlp(Frames.ilpPrepare(amount, Instant.now().plusSeconds(30),
                Frames.sha256(FULFILLMENT), "test.b.sink.outage", new byte[0]));
    }

    private static JsonObject await(AdminClient admin, Predicate<JsonObject> done)
            throws Exception {
        return await(admin, "/admin/peers/b/balance", done);
    }

    private static JsonObject await(AdminClient admin, String path, Predicate<JsonObject> done)
            throws Exception {
        return EvmSettlementIT.await(admin, path, done);
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return AdminClient.parseObject(response.body());
    }
}
