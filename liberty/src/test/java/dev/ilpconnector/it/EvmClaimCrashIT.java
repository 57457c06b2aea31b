package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Safety demand 6 of the EVM engine: a claim signed and stored but never delivered survives a
 * {@code kill -9}, and the restarted node sends the same bytes, not a new amount.
 *
 * <p>How the kill lands between store and send without a hook: node B is down when A's
 * settlement fires (A restarted with a lower threshold, an operator's change, finds its balance
 * over it), so A signs nonce 2, stores it, and can only retry the send. Then A is killed, started
 * again with its first config, and B comes back: B must receive the claim A stored, byte for
 * byte (nonce, cumulative amount, signature as both admin APIs show them), credit it once, and
 * A's logs show one signature at nonce 2 in all its lives.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class EvmClaimCrashIT {

    private static final String ADMIN = EvmSettlementIT.ADMIN;
    private static final byte[] FULFILLMENT =
            Frames.sha256("ilp-connector-bench-fulfillment".getBytes(StandardCharsets.US_ASCII));
    private static final Pattern SIGNED = Pattern.compile("event=evm_claim_signed .*nonce=(\\d+)");

    @Test
    void aClaimStoredButNotSentIsResentByteForByteAfterKillNine() throws Exception {
        NodeJs js = NodeJs.installed();
        try (Anvil anvil = Anvil.start()) {
            ContractsDeployer owner = new ContractsDeployer(anvil.web3j(),
                    anvil.credentials(0), anvil.chainId());
            ContractsDeployer.Deployment chain = owner.deploy(ContractsDeployer.DEFAULT_SUPPLY);
            owner.fund(chain.token(), anvil.credentials(1).getAddress(),
                    BigInteger.valueOf(1_000_000_000L));
            Path dir = Files.createTempDirectory(ItPaths.work(), "evm-crash");
            EvmLine line = EvmLine.of(anvil, chain, dir, "1000");
            Map<String, String> a = line.a();
            Map<String, String> b = line.b();
            Map<String, String> aLowThreshold = new HashMap<>(a);
            aLowThreshold.put("PEER_B_SETTLE_THRESHOLD", "500");

            String signature;
            try (ConnectorProcess nodeB = ConnectorProcess.startReady("crash-b", b)) {
                try (ConnectorProcess nodeA = ConnectorProcess.startReady("crash-a1", a);
                     LoggedProcess sink = js.start("load-sink.js", "--btp",
                             nodeB.btpUrl("sink", "sink-token"), "--timeout", "200");
                     BtpTestClient alice = BtpTestClient.authenticated(nodeA.btpUri(),
                             "alice", "alice-token")) {
                    sink.awaitLine(Pattern.compile("SINK READY"), Duration.ofSeconds(60));
                    AdminClient adminA = AdminClient.of(nodeA, ADMIN);
                    for (int i = 0; i < 3; i++) {
                        assertInstanceOf(Frames.Fulfill.class, pay(alice, 400));
                    }
                    EvmSettlementIT.await(adminA, "/admin/peers/b/balance",
                            o -> o.getString("settledOut").equals("1200"));
                    EvmSettlementIT.await(AdminClient.of(nodeB, ADMIN),
                            "/admin/peers/a/balance",
                            o -> o.getString("settledIn").equals("1200"));
                    for (int i = 0; i < 2; i++) {
                        assertInstanceOf(Frames.Fulfill.class, pay(alice, 400));
                    }
                    JsonObject below = EvmSettlementIT.await(adminA, "/admin/peers/b/balance",
                            o -> o.getString("balance").equals("800"));
                    assertEquals("1200", below.getString("settledOut"), "800 is below 1000");
                    assertSignedOnce(nodeA, 1);
                }
                nodeB.stop(); // B is gone when A's next settlement fires

                // A again, threshold 500: at start-up its 800 is over it; the claim cannot go.
                try (ConnectorProcess nodeA = ConnectorProcess.startReady("crash-a2",
                        aLowThreshold)) {
                    AdminClient adminA = AdminClient.of(nodeA, ADMIN);
                    JsonObject pending = EvmSettlementIT.await(adminA, "/admin/peers/b/balance",
                            o -> o.getString("settlementInFlight").equals("800"));
                    assertEquals("1200", pending.getString("settledOut"), pending.toString());
                    JsonObject stored = EvmSettlementIT.await(adminA, "/admin/peers/b/channel",
                            o -> outgoing(o).getString("bestNonce").equals("2"));
                    JsonObject claim = outgoing(stored);
                    assertEquals("2000", claim.getString("bestClaim"), stored.toString());
                    signature = claim.getString("bestSignature");
                    assertEquals(2 + 65 * 2, signature.length(), signature);
                    nodeA.process().awaitLine(Pattern.compile("event=evm_claim_resend peer=b"),
                            Duration.ofSeconds(30));
                    assertEquals("1200", ok(adminA.get("/admin/peers/b/balance"))
                            .getString("settledOut"), "not delivered, not settled");
                    LedgerCrashIT.killNine(nodeA.pid());
                    assertSignedOnce(nodeA, 2);
                }

                // A with its first config (threshold 1000) and B back: the stored claim goes.
                try (ConnectorProcess nodeA = ConnectorProcess.startReady("crash-a3", a)) {
                    nodeB.restart();
                    nodeB.awaitReady(ConnectorProcess.READY_TIMEOUT);
                    AdminClient adminA = AdminClient.of(nodeA, ADMIN);
                    AdminClient adminB = AdminClient.of(nodeB, ADMIN);
                    JsonObject atB = EvmSettlementIT.await(adminB, "/admin/peers/a/balance",
                            o -> o.getString("settledIn").equals("2000"));
                    assertEquals("0", atB.getString("balance"), atB.toString());
                    JsonObject atA = EvmSettlementIT.await(adminA, "/admin/peers/b/balance",
                            o -> o.getString("settledOut").equals("2000"));
                    assertEquals("0", atA.getString("balance"), atA.toString());
                    assertEquals("0", atA.getString("settlementInFlight"), atA.toString());

                    JsonObject received = ok(adminB.get("/admin/peers/a/channel"))
                            .getJsonArray("channels").getJsonObject(0);
                    assertEquals("incoming", received.getString("direction"));
                    assertEquals("2", received.getString("bestNonce"), received.toString());
                    assertEquals("2000", received.getString("bestClaim"), received.toString());
                    assertEquals(signature, received.getString("bestSignature"),
                            "B holds the bytes A stored before the kill");
                    JsonObject sent = outgoing(ok(adminA.get("/admin/peers/b/channel")));
                    assertEquals(signature, sent.getString("bestSignature"), sent.toString());
                    assertEquals("2", sent.getString("bestNonce"), sent.toString());
                    assertSignedOnce(nodeA, 0);
                    assertTrue(Files.readString(nodeB.consoleLog()).contains(
                            "event=evm_claim_accepted peer=a channel="), "B took it");
                }
            }
        }
    }

    /** The node's outgoing channel in a {@code /admin/peers/b/channel} answer. */
    private static JsonObject outgoing(JsonObject channels) {
        return channels.getJsonArray("channels").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("direction").equals("outgoing")).findFirst()
                .orElseThrow(() -> new AssertionError("no outgoing channel: " + channels));
    }

    /** The node's log shows a signature at {@code nonce} only (0: no signature at all). */
    private static void assertSignedOnce(ConnectorProcess node, int nonce) throws Exception {
        Matcher m = SIGNED.matcher(Files.readString(node.consoleLog()));
        int signed = 0;
        while (m.find()) {
            assertEquals(Integer.toString(nonce), m.group(1), node + " signed " + m.group());
            signed++;
        }
        assertEquals(nonce == 0 ? 0 : 1, signed, node + " signatures");
    }

    private static Object pay(BtpTestClient alice, long amount) throws Exception {
        return alice.sendIlp(Frames.ilpPrepare(amount, Instant.now().plusSeconds(30),
                Frames.sha256(FULFILLMENT), "test.b.sink.crash", new byte[0]));
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return AdminClient.parseObject(response.body());
    }
}
