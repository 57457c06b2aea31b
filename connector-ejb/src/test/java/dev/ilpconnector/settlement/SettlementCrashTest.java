package dev.ilpconnector.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.accounting.LedgerAccounting;
import dev.ilpconnector.accounting.SettlementLedger;
import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.ledger.TransferResult;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node restarted with a settlement in flight, on a durable ledger: the ledger is closed and
 * opened again (the embedded journal) or the node reconnects (TigerBeetle), and a new
 * {@link Settlements} recovers from what the ledger holds. Ledger answers may complete on the
 * ledger's own threads, so checks run on a real executor and every request the engine gets,
 * and its recording in the ledger, is awaited with a timeout. Peer ids are fresh per test: a
 * TigerBeetle server is shared by the whole run.
 */
abstract class SettlementCrashTest {

    private static final long WAIT_SECONDS = 10;

    private final PeerConfig bob = peer("bob-" + Long.toHexString(
            ThreadLocalRandom.current().nextLong() >>> 1));
    private final List<PeerConfig> peers = List.of(bob);
    private final BlockingQueue<SettlementRequest> asked = new LinkedBlockingQueue<>();
    /** Per key asked: completes once the engine's outcome is recorded in the ledger. */
    private final Map<String, CompletionStage<TransferResult>> recorded =
            new ConcurrentHashMap<>();

    private ExecutorService executor;

    private Ledger ledger;
    private LedgerAccounting accounting;
    private SettlementLedger settlementLedger;
    private Settlements settlements;

    /** The ledger of a node starting: the first time, or again on what the last one left. */
    protected abstract Ledger open();

    @AfterEach
    void closeLedger() {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void aSettlementInFlightIsAskedAgainUnderTheSameKeyAndPostedOnce() throws Exception {
        ManualSettlement operator = start();
        owe(5000);
        SettlementRequest before = nextRequest();
        assertEquals(bob.id() + "-XRP-9-0", before.idempotencyKey());

        // The node dies: requests in memory are gone, the intent is in the ledger.
        operator = restart();
        SettlementRequest again = nextRequest();
        assertEquals(before, again, "same key, same amount");
        assertEquals(BigInteger.valueOf(5000), balance().debitsPending(), "held once");
        assertEquals(1, started(), "no new number");

        assertTrue(operator.confirm(again.idempotencyKey(), "paid by hand before the restart"));
        assertEquals(TransferResult.OK, join(recorded.get(again.idempotencyKey())));
        assertEquals(TransferResult.ALREADY_POSTED, join(settlementLedger.post(
                again.idempotencyKey())));
        assertPaidOnce();

        restart();
        assertEquals(1, started(), "nothing in flight after the next start");
        assertPaidOnce();
    }

    @Test
    void aCrashAfterNumberingBeforeTheIntentLosesNothing() throws Exception {
        reopen();
        // What a node that died between the two ledger writes of a request leaves behind.
        assertEquals(TransferResult.OK, join(settlementLedger.credit(bob, 5000, "prepaid")));
        assertEquals(TransferResult.OK, join(settlementLedger.start(bob, 0)));

        restart();
        SettlementRequest request = nextRequest();
        assertEquals(bob.id() + "-XRP-9-1", request.idempotencyKey(), "number 0 stays unused");
        assertEquals(5000, request.amount());
        assertEquals(BigInteger.valueOf(5000), balance().debitsPending());
    }

    @Test
    void aPaymentMadeJustBeforeACrashIsRecordedNotRepeated() throws Exception {
        PayingEngine chain = new PayingEngine();
        reopen();
        start(chain);
        owe(5000);
        assertNotNull(nextRequest());
        assertEquals(1, chain.payments(), "paid; the node dies before it hears back");

        chain.answers = true;
        reopen();
        start(chain);
        String key = nextRequest().idempotencyKey();
        assertEquals(TransferResult.OK, join(recorded.get(key)));

        assertEquals(1, chain.payments(), "the same key again: not paid twice");
        assertPaidOnce();
    }

    // ------------------------------------------------------------------ helpers

    private ManualSettlement start() {
        ManualSettlement operator = new ManualSettlement(Clock.systemUTC());
        reopen();
        start(operator);
        return operator;
    }

    /** A new node: the ledger closed and opened again, nothing kept in memory. */
    private ManualSettlement restart() {
        return start();
    }

    /** Stops the node (its checks, then its ledger) and opens the ledger again. */
    private void reopen() {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (ledger != null) {
            ledger.close();
        }
        ledger = open();
        accounting = new LedgerAccounting(ledger, peers, Clock.systemUTC());
        settlementLedger = new SettlementLedger(ledger, peers);
    }

    private void start(SettlementEngine engine) {
        executor = Executors.newSingleThreadExecutor();
        Settlements node = new Settlements(settlementLedger, request -> {
            // the intent is in flight while the engine is asked: keep its end to await
            recorded.put(request.idempotencyKey(), settlements.finished(
                    request.idempotencyKey()).orElseThrow());
            CompletionStage<SettlementOutcome> outcome = engine.settle(request);
            asked.add(request);
            return outcome;
        }, peers, Map.of(bob.id(), new SettlementPolicy(true, 1000, 0)), executor,
                (task, delayMs) -> executor.execute(task), Duration.ZERO, Clock.systemUTC());
        settlements = node;
        node.start();
    }

    /** The peer settled {@code amount} to us: we owe it that much, above the threshold. */
    private void owe(long amount) {
        assertEquals(TransferResult.OK, join(settlements.recordIncoming(bob, amount, "in-1")));
    }

    private SettlementRequest nextRequest() throws InterruptedException {
        SettlementRequest r = asked.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(r, "no settlement requested");
        return r;
    }

    private void assertPaidOnce() {
        AccountBalance b = balance();
        assertEquals(BigInteger.ZERO, b.netPosted(), "5000 owed, 5000 settled, once");
        assertTrue(b.nothingPending(), b.toString());
    }

    private AccountBalance balance() {
        return join(accounting.balance(bob)).orElseThrow();
    }

    private long started() {
        return join(settlementLedger.state(bob)).orElseThrow().started();
    }

    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static PeerConfig peer(String id) {
        return new PeerConfig(id, Relation.CHILD, Optional.empty(), Optional.of(id + "-token"),
                "XRP", 9, -1L, 0, List.of());
    }
}
