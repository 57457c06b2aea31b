package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.contracts.Anvil;
import dev.ilpconnector.contracts.ChainCallException;
import dev.ilpconnector.contracts.ContractsDeployer;
import dev.ilpconnector.settlement.evm.Claim;
import dev.ilpconnector.settlement.evm.ClaimDomain;
import dev.ilpconnector.settlement.evm.ClaimSignatures;
import dev.ilpconnector.settlement.evm.EvmKey;
import dev.ilpconnector.settlement.evm.TokenNetworkAbi;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.http.HttpService;

/**
 * Safety demand 9 of the EVM engine: the sender closes its channel on chain with an old claim
 * (nonce 3) while the receiver holds a better one (nonce 7). The receiver's watcher answers
 * with {@code updateClaim} inside the challenge window; once the window is over the channel
 * settles and the receiver holds on chain exactly its best claim's cumulative amount; an update
 * after the window reverts. The close is the test's own transaction, signed with A's key (what
 * a dishonest or confused A would do), and the old claim is the one B showed at nonce 3.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class EvmStaleCloseIT {

    private static final String ADMIN = EvmSettlementIT.ADMIN;
    private static final byte[] FULFILLMENT =
            Frames.sha256("ilp-connector-bench-fulfillment".getBytes(StandardCharsets.US_ASCII));
    private static final BigInteger FUNDS = BigInteger.valueOf(1_000_000_000L);
    private static final long PAYMENT = 200;
    private static final int BEST_NONCE = 7;
    private static final int STALE_NONCE = 3;
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** What the contract reverts with for an update at or after {@code settleAt}. */
    private static final String SETTLE_WINDOW_OVER =
            Hash.sha3String("SettleWindowOver(uint256,uint64)").substring(0, 10);

    @Test
    void bUpdatesAStaleCloseInTheWindowAndGetsItsBestClaim() throws Exception {
        NodeJs js = NodeJs.installed();
        try (Anvil anvil = Anvil.start()) {
            ContractsDeployer owner = new ContractsDeployer(anvil.web3j(),
                    anvil.credentials(0), anvil.chainId());
            ContractsDeployer.Deployment chain = owner.deploy(ContractsDeployer.DEFAULT_SUPPLY);
            String aAccount = anvil.credentials(1).getAddress();
            String bAccount = anvil.credentials(2).getAddress();
            owner.fund(chain.token(), aAccount, FUNDS);
            ContractsDeployer withAKey = owner.withKey(anvil.credentials(1));
            Path dir = Files.createTempDirectory(ItPaths.work(), "evm-stale-close");
            EvmLine line = EvmLine.of(anvil, chain, dir, "100");
            Map<String, String> a = line.a();
            Map<String, String> b = line.b();

            try (ConnectorProcess nodeB = ConnectorProcess.startReady("stale-b", b);
                 ConnectorProcess nodeA = ConnectorProcess.startReady("stale-a", a);
                 LoggedProcess sink = js.start("load-sink.js", "--btp",
                         nodeB.btpUrl("sink", "sink-token"), "--timeout", "200")) {
                sink.awaitLine(Pattern.compile("SINK READY"), Duration.ofSeconds(60));
                AdminClient adminA = AdminClient.of(nodeA, ADMIN);
                AdminClient adminB = AdminClient.of(nodeB, ADMIN);

                // One settlement, so one claim, per payment: B ends up holding nonce 7.
                JsonObject stale = null;
                try (BtpTestClient alice = BtpTestClient.authenticated(nodeA.btpUri(), "alice",
                        "alice-token")) {
                    for (int nonce = 1; nonce <= BEST_NONCE; nonce++) {
                        assertInstanceOf(Frames.Fulfill.class, pay(alice));
                        String total = Long.toString(PAYMENT * nonce);
                        EvmSettlementIT.await(adminA, "/admin/peers/b/balance",
                                o -> o.getString("settledOut").equals(total));
                        String expected = Integer.toString(nonce);
                        JsonObject held = incoming(EvmSettlementIT.await(adminB,
                                "/admin/peers/a/channel",
                                o -> incoming(o).getString("bestNonce").equals(expected)));
                        assertEquals(total, held.getString("bestClaim"), held.toString());
                        if (nonce == STALE_NONCE) {
                            stale = held;
                        }
                    }
                }
                JsonObject best = incoming(ok(adminB.get("/admin/peers/a/channel")));
                BigInteger channelId = new BigInteger(best.getString("channelId"));
                BigInteger bestCumulative = BigInteger.valueOf(PAYMENT * BEST_NONCE);
                assertEquals(bestCumulative.toString(), best.getString("bestClaim"));
                assertEquals(BigInteger.ZERO, owner.balanceOf(chain.token(), bAccount),
                        "no claim cashed yet");

                // A's key closes the channel on B's old claim at nonce 3.
                Claim old = new Claim(channelId, new BigInteger(stale.getString("bestClaim")),
                        BigInteger.valueOf(STALE_NONCE));
                withAKey.send(chain.tokenNetwork(), TokenNetworkAbi.closeChannel(old,
                        hex(stale.getString("bestSignature"))));
                List<Type> closed = channel(owner, chain, channelId);
                assertEquals(BigInteger.valueOf(TokenNetworkAbi.STATE_CLOSED), value(closed, 8));
                assertEquals(old.cumulativeAmount(), value(closed, 7), "closed at nonce 3");
                long settleAt = value(closed, 6).longValueExact();

                // B's watcher puts its nonce 7 on chain within the window.
                List<Type> updated = awaitChannel(owner, chain, channelId,
                        c -> value(c, 4).equals(BigInteger.valueOf(BEST_NONCE)));
                assertEquals(bestCumulative, value(updated, 7), "B's best claim");
                assertEquals(BigInteger.valueOf(TokenNetworkAbi.STATE_CLOSED), value(updated, 8));
                assertTrue(anvil.blockTimestamp() < settleAt, "updated inside the window");
                nodeB.process().awaitLine(Pattern.compile("event=evm_claim_updated channel="
                        + channelId + " nonce=" + BEST_NONCE), Duration.ofSeconds(10));

                // A higher claim, valid in the window, reverts once the window is over.
                Claim later = new Claim(channelId, bestCumulative.add(BigInteger.valueOf(
                        PAYMENT)), BigInteger.valueOf(BEST_NONCE + 1));
                byte[] laterSignature = ClaimSignatures.sign(new ClaimDomain(anvil.chainId(),
                        chain.tokenNetwork()), later, EvmKey.parse(anvil.privateKeys().get(1)));
                withAKey.call(chain.tokenNetwork(), TokenNetworkAbi.updateClaim(later,
                        laterSignature)); // accepted while the window is open
                increaseTimeWithoutMining(anvil, settleAt - anvil.blockTimestamp() + 5);
                ChainCallException late = assertThrows(ChainCallException.class,
                        () -> withAKey.send(chain.tokenNetwork(), TokenNetworkAbi.updateClaim(
                                later, laterSignature)));
                assertTrue(String.valueOf(late.revertData()).startsWith(SETTLE_WINDOW_OVER),
                        late.getMessage());

                // The window is over: a watcher settles; B holds its best claim, to the unit.
                anvil.mine();
                awaitChannel(owner, chain, channelId, c -> value(c, 8).equals(
                        BigInteger.valueOf(TokenNetworkAbi.STATE_SETTLED)));
                assertEquals(bestCumulative, owner.balanceOf(chain.token(), bAccount),
                        "B received its best claim's cumulative amount");
                assertEquals(FUNDS.subtract(bestCumulative), owner.balanceOf(chain.token(),
                        aAccount), "A got the rest of its deposit back");
                assertEquals(BigInteger.ZERO, owner.balanceOf(chain.token(),
                        chain.tokenNetwork()), "nothing left in the channel");
            }
        }
    }

    private static Object pay(BtpTestClient alice) throws Exception {
        return alice.sendIlp(Frames.ilpPrepare(PAYMENT, Instant.now().plusSeconds(30),
                Frames.sha256(FULFILLMENT), "test.b.sink.stale", new byte[0]));
    }

    /** B's channel from A in a {@code /admin/peers/a/channel} answer. */
    private static JsonObject incoming(JsonObject channels) {
        return channels.getJsonArray("channels").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("direction").equals("incoming")).findFirst()
                .orElseThrow(() -> new AssertionError("no incoming channel: " + channels));
    }

    @SuppressWarnings("rawtypes")
    private static List<Type> channel(ContractsDeployer reader,
                                      ContractsDeployer.Deployment chain, BigInteger id) {
        return reader.call(chain.tokenNetwork(), TokenNetworkAbi.getChannel(id));
    }

    @SuppressWarnings("rawtypes")
    private static List<Type> awaitChannel(ContractsDeployer reader,
                                           ContractsDeployer.Deployment chain, BigInteger id,
                                           Predicate<List<Type>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<Type> c = channel(reader, chain, id);
            if (done.test(c)) {
                return c;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("channel " + id + " still " + c.stream()
                        .map(t -> String.valueOf(t.getValue())).toList());
            }
            Thread.sleep(250); // a chain poll, not a timing assertion
        }
    }

    @SuppressWarnings("rawtypes")
    private static BigInteger value(List<Type> channel, int field) {
        return (BigInteger) channel.get(field).getValue();
    }

    /**
     * Moves anvil's clock without mining, so the next transaction is the first one past the
     * window: no watcher can have seen the new time (and settled) before it.
     */
    private static void increaseTimeWithoutMining(Anvil anvil, long seconds) throws Exception {
        HttpService http = new HttpService(anvil.rpcUrl());
        try {
            Anvil.RawResponse r = new Request<>("evm_increaseTime", List.of(seconds), http,
                    Anvil.RawResponse.class).send();
            assertTrue(!r.hasError(), "evm_increaseTime");
        } finally {
            http.close();
        }
    }

    private static byte[] hex(String value) {
        return HexFormat.of().parseHex(value.substring(2));
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return AdminClient.parseObject(response.body());
    }
}
