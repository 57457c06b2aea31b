package dev.ilpconnector.settlement.evm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.btp.BtpProtocolData;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.config.EvmSettlementConfig;
import dev.ilpconnector.config.EvmSettlementConfig.NetworkMode;
import dev.ilpconnector.contracts.Anvil;
import dev.ilpconnector.contracts.ContractsDeployer;
import dev.ilpconnector.ledger.TransferResult;
import dev.ilpconnector.packetswitch.Link;
import dev.ilpconnector.packetswitch.LinkDownException;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.packetswitch.SubProtocolException;
import dev.ilpconnector.packetswitch.SubProtocols;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.settlement.SettlementOutcome;
import dev.ilpconnector.settlement.SettlementRequest;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * Node A's engine pays peer "bob" (node B, its real incoming handlers) over an in-memory link
 * that can drop, refuse or lose answers, on a real anvil. A's account is anvil's dev key 4,
 * B's dev key 5.
 */
class EvmSettlementTest {

    private static Anvil anvil;
    private static ContractsDeployer.Deployment chain;

    @TempDir
    Path dir;

    private final Map<String, Long> credited = new HashMap<>();
    private final List<byte[]> wire = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService executor;
    /** B's: lives through A's restarts. */
    private ScheduledExecutorService bExecutor;
    private EvmRpc rpc;
    private ChannelStore aStore;
    private ChannelStore bStore;
    private EvmSettlement a;
    private TestLink link;
    private EvmKey aKey;
    private EvmKey bKey;
    private PeerConfig bobAsSeenByA;
    private PeerConfig aliceAsSeenByB;

    @BeforeAll
    static void chain() throws Exception {
        anvil = Anvil.start();
        ContractsDeployer owner = new ContractsDeployer(anvil.web3j(), anvil.credentials(0),
                anvil.chainId());
        chain = owner.deploy(ContractsDeployer.DEFAULT_SUPPLY);
        owner.fund(chain.token(), anvil.credentials(4).getAddress(),
                BigInteger.TEN.pow(14));
    }

    @AfterAll
    static void stopChain() {
        if (anvil != null) {
            anvil.close();
        }
    }

    @BeforeEach
    void nodes() throws Exception {
        executor = Executors.newScheduledThreadPool(2);
        bExecutor = Executors.newScheduledThreadPool(2);
        rpc = new EvmRpc(anvil.rpcUrl(), Duration.ofSeconds(5), anvil.chainId());
        aKey = EvmKey.parse(anvil.privateKeys().get(4));
        bKey = EvmKey.parse(anvil.privateKeys().get(5));
        scale(6);
    }

    private void scale(int assetScale) throws Exception {
        bobAsSeenByA = new PeerConfig("bob", Relation.PEER, Optional.empty(), Optional.of("t"),
                "USD", assetScale, -1L, 0, List.of());
        aliceAsSeenByB = new PeerConfig("alice", Relation.PEER, Optional.empty(),
                Optional.of("t"), "USD", assetScale, -1L, 0, List.of());
        bStore = ChannelStore.open(dir.resolve("b"));
        EvmIncoming b = new EvmIncoming(config(bKey), client(bKey, bStore), bStore, 6,
                id -> Optional.of(aliceAsSeenByB), bExecutor, new PeerAddresses(bStore),
                java.util.Set.of("alice"));
        b.creditTo((peer, amount, key) -> {
            synchronized (credited) {
                Long before = credited.put(key, amount);
                return CompletableFuture.completedFuture(before == null ? TransferResult.OK
                        : TransferResult.EXISTS);
            }
        });
        SubProtocols bProtocols = new SubProtocols();
        b.register(bProtocols);
        link = new TestLink(bProtocols);
        startA();
    }

    /** Node A starts (again): its engine on what its store holds. */
    private void startA() throws Exception {
        if (aStore != null) {
            aStore.close();
        }
        aStore = ChannelStore.open(dir.resolve("a"));
        LinkRegistry links = new LinkRegistry();
        PeerAddresses addresses = new PeerAddresses(aStore);
        addresses.learn("bob", bKey.address());
        a = new EvmSettlement(config(aKey), client(aKey, aStore), aStore, 6, links,
                id -> Optional.of(bobAsSeenByA), executor, addresses, java.util.Set.of("bob"));
        links.addListener(a);
        links.register(link);
    }

    @AfterEach
    void stop() throws Exception {
        executor.shutdownNow();
        bExecutor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        bExecutor.awaitTermination(5, TimeUnit.SECONDS);
        aStore.close();
        bStore.close();
        rpc.close();
    }

    @Test
    void oneClaimPerSettlementAndTheChainOnlyToOpen() throws Exception {
        BigInteger nonceBefore = txCount();

        assertEquals("evm:84532:", settle("k0", 300).detail().substring(0, 10));
        assertTrue(settle("k1", 200).settled());
        assertTrue(settle("k2", 500).settled());

        assertEquals(2, txCount().subtract(nonceBefore).intValue(), "approve and open only");
        assertEquals(1000L, credited.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(List.of(300L, 200L, 500L), List.of(credit(1), credit(2), credit(3)));
    }

    @Test
    void aSignedClaimIsSentAgainByteForByteAfterARestartAndNeverFails() throws Exception {
        link.mode = Mode.LOSE_ANSWER; // B takes it, A never hears: as if A died before the ack
        CompletionStage<SettlementOutcome> first = a.settle(request("k0", 700));
        waitFor(() -> !wire.isEmpty());
        byte[] sent = wire.get(0);
        assertFalse(first.toCompletableFuture().isDone(), "once signed, it never fails");

        executor.shutdownNow();
        executor = Executors.newScheduledThreadPool(2);
        link.mode = Mode.DROP;
        startA();
        CompletionStage<SettlementOutcome> again = a.settle(request("k0", 700));
        Thread.sleep(300);
        assertFalse(again.toCompletableFuture().isDone(), "link down: waits, does not fail");
        link.mode = Mode.ANSWER;

        assertTrue(again.toCompletableFuture().get(30, TimeUnit.SECONDS).settled());
        assertArrayEquals(sent, wire.get(wire.size() - 1), "the same bytes again");
        assertEquals(Map.of(key(1), 700L), credited, "credited once");
    }

    @Test
    void whileTheChainIsDownASettlementWaitsAndThenResumesUnderItsKey() throws Exception {
        anvil.stopNode();
        try {
            CompletableFuture<SettlementOutcome> down = a.settle(request("k0", 400))
                    .toCompletableFuture();
            java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions
                    .assertThrows(java.util.concurrent.ExecutionException.class,
                            () -> down.get(60, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof java.io.IOException, e.toString());
            assertTrue(aStore.claim("k0").isEmpty(), "nothing signed");
        } finally {
            anvil.restartNode();
        }
        // The node asks again under the same key (its intent stayed pending).
        assertTrue(settle("k0", 400).settled());
        assertEquals(Map.of(key(1), 400L), credited);
    }

    @Test
    void aRefusedClaimIsResentNotRefunded() throws Exception {
        link.mode = Mode.REFUSE;
        CompletionStage<SettlementOutcome> outcome = a.settle(request("k0", 50));
        waitFor(() -> wire.size() >= 2);
        assertFalse(outcome.toCompletableFuture().isDone());

        link.mode = Mode.ANSWER;
        assertTrue(outcome.toCompletableFuture().get(30, TimeUnit.SECONDS).settled());
        assertEquals(Map.of(key(1), 50L), credited);
    }

    @Test
    void scaleNineAgainstSixDecimalsLosesNothingToRounding() throws Exception {
        aStore.close();
        bStore.close();
        dir = dir.resolve("scale9");
        aStore = null;
        scale(9);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long requested = 0;
        for (int i = 0; i < 12; i++) {
            long amount = 1 + random.nextInt(5_000);
            requested += amount;
            assertTrue(settle("s" + i, amount).settled(), "seed=" + seed);
        }
        ChannelStore.OutChannel channel = aStore.outChannel("bob").orElseThrow();
        BigInteger onChain = channel.last().claim().cumulativeAmount();
        BigInteger leftover = channel.requested().subtract(onChain.multiply(
                BigInteger.valueOf(1_000)));

        assertEquals(BigInteger.valueOf(requested), onChain.multiply(BigInteger.valueOf(1_000))
                .add(leftover), "seed=" + seed);
        assertTrue(leftover.compareTo(BigInteger.valueOf(1_000)) < 0, "seed=" + seed);
        assertEquals(onChain.longValue() * 1_000, credited.values().stream()
                .mapToLong(Long::longValue).sum(), "B credits what the claims carry");
    }

    @Test
    void neverTwoAmountsForOneNonceAcrossAcksTimeoutsAndRestarts() throws Exception {
        long seed = Long.getLong("evm.seed", System.nanoTime());
        Random random = new Random(seed);
        Map<BigInteger, BigInteger> signedAt = new HashMap<>();
        int n = 0;
        for (int step = 0; step < 20; step++) {
            link.mode = Mode.values()[random.nextInt(Mode.values().length)];
            String key = "p" + n;
            CompletionStage<SettlementOutcome> outcome = a.settle(request(key,
                    1 + random.nextInt(1_000)));
            Thread.sleep(random.nextInt(50));
            if (random.nextInt(4) == 0) { // restart A
                executor.shutdownNow();
                executor = Executors.newScheduledThreadPool(2);
                startA();
            }
            link.mode = Mode.ANSWER;
            // The node asks again under the same key until it is settled.
            SettlementOutcome done = a.settle(request(key, 1)).toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            assertTrue(done.settled(), "seed=" + seed);
            n++;
            for (byte[] bytes : wire) {
                EvmMessages.SignedClaim c = EvmMessages.parseClaim(
                        List.of(new BtpProtocolData(EvmMessages.CLAIM,
                                BtpProtocolData.CONTENT_JSON, bytes)), EvmMessages.CLAIM);
                BigInteger before = signedAt.putIfAbsent(c.claim().nonce(),
                        c.claim().cumulativeAmount());
                assertTrue(before == null || before.equals(c.claim().cumulativeAmount()),
                        "nonce " + c.claim().nonce() + " signed for two amounts, seed=" + seed);
            }
            assertNotNull(outcome);
        }
        System.out.println("EvmSettlementTest seed=" + seed);
    }

    // ------------------------------------------------------------------ helpers

    private enum Mode { ANSWER, DROP, REFUSE, LOSE_ANSWER }

    /** A's link to bob: hands Transfers to B's handlers as "alice". */
    private final class TestLink implements Link {
        private final SubProtocols b;
        volatile Mode mode = Mode.ANSWER;

        TestLink(SubProtocols b) {
            this.b = b;
        }

        @Override
        public String peerId() {
            return "bob";
        }

        @Override
        public boolean isConnected() {
            return mode != Mode.DROP;
        }

        @Override
        public CompletableFuture<IlpResponse> sendPrepare(IlpPrepare prepare) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public CompletableFuture<List<BtpProtocolData>> sendMessage(List<BtpProtocolData> d) {
            if (mode == Mode.DROP) {
                return CompletableFuture.failedFuture(new LinkDownException("down"));
            }
            return b.handlerFor(d).onMessage("alice", d).toCompletableFuture();
        }

        @Override
        public CompletableFuture<List<BtpProtocolData>> sendTransfer(long amount,
                                                                     List<BtpProtocolData> d) {
            Mode now = mode;
            if (now == Mode.DROP) {
                return CompletableFuture.failedFuture(new LinkDownException("down"));
            }
            wire.add(BtpProtocolData.find(d, EvmMessages.CLAIM).orElseThrow().data());
            if (now == Mode.REFUSE) {
                return CompletableFuture.failedFuture(SubProtocolException.temporary("busy"));
            }
            CompletableFuture<List<BtpProtocolData>> answer =
                    b.handlerFor(d).onTransfer("alice", amount, d).toCompletableFuture();
            return now == Mode.LOSE_ANSWER ? new CompletableFuture<>() : answer;
        }
    }

    private SettlementOutcome settle(String key, long amount) throws Exception {
        return a.settle(request(key, amount)).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private SettlementRequest request(String key, long amount) {
        return new SettlementRequest(key, "bob", amount, "USD", bobAsSeenByA.assetScale());
    }

    private long credit(int nonce) {
        return credited.get(key(nonce));
    }

    private String key(int nonce) {
        BigInteger channel = aStore.outChannel("bob").orElseThrow().channelId();
        return "evm:" + anvil.chainId() + ":" + channel + ":" + nonce;
    }

    private BigInteger txCount() throws Exception {
        return anvil.web3j().ethGetTransactionCount(aKey.address(),
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
    }

    private EvmSettlementConfig config(EvmKey key) {
        return new EvmSettlementConfig(NetworkMode.TESTNET, anvil.rpcUrl(), chain.token(),
                chain.registry(), key, Duration.ofSeconds(60), Duration.ofSeconds(60),
                BigInteger.valueOf(1_000_000), Duration.ofSeconds(5));
    }

    private TokenNetworkClient client(EvmKey key, ChannelStore store) {
        return new TokenNetworkClient(rpc, key, chain.tokenNetwork(), chain.token(), store,
                Duration.ofSeconds(20));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < end, "timed out");
            Thread.sleep(20);
        }
    }

}
