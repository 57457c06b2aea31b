package dev.ilpconnector.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.accounting.LedgerAccounting;
import dev.ilpconnector.accounting.SettlementLedger;
import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.ledger.TransferResult;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine's answer survives a restart: the operator confirms, the node dies before the ledger
 * posts the intent, and the node that starts next posts it from the stored answer instead of
 * asking the operator to pay again.
 */
class SettlementAnswersTest {

    private static final long WAIT_MS = 10_000;

    @TempDir
    Path ledgerDir;
    @TempDir
    Path settlementDir;

    private final PeerConfig bob = new PeerConfig("bob", Relation.CHILD, Optional.empty(),
            Optional.of("bob-token"), "USD", 6, -1L, 0, List.of());
    private ExecutorService executor;
    private Ledger ledger;
    private SettlementAnswers answers;

    @AfterEach
    void stop() throws IOException {
        executor.shutdownNow();
        ledger.close();
        answers.close();
    }

    @Test
    void aConfirmedSettlementWhosePostDiedWithTheNodeIsPostedAfterTheRestart() throws Exception {
        ManualSettlement operator = new ManualSettlement(Clock.systemUTC());
        Settlements node = start(operator, true);
        assertEquals(TransferResult.OK, join(node.recordIncoming(bob, 5000, "in-1")));
        waitFor(() -> operator.open().size() == 1);
        String key = operator.open().get(0).request().idempotencyKey();

        assertTrue(operator.confirm(key, "paid by hand"));
        // The post never reaches the ledger: the node dies here.
        restart();

        ManualSettlement nextOperator = new ManualSettlement(Clock.systemUTC());
        start(nextOperator, false);
        waitFor(() -> settlement().creditsPosted().equals(BigInteger.valueOf(5000)));
        assertTrue(nextOperator.open().isEmpty(), "the operator is not asked to pay again");
        assertEquals(BigInteger.ZERO, settlement().creditsPending());
    }

    @Test
    void aFailedAnswerSurvivesTooAndATornLastLineIsDropped() throws Exception {
        answers = SettlementAnswers.open(settlementDir);
        answers.record("k-1", SettlementOutcome.failed("no\tfunds\nat all"));
        answers.close();
        Files.writeString(settlementDir.resolve(SettlementAnswers.FILE), "k-2\tS\tha",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        answers = SettlementAnswers.open(settlementDir);

        assertEquals(Optional.of(SettlementOutcome.failed("no\tfunds\nat all")),
                answers.get("k-1"));
        assertEquals(Optional.empty(), answers.get("k-2"), "never acted on");
        answers.record("k-2", SettlementOutcome.settled("0xabc"));
        answers.close();
        answers = SettlementAnswers.open(settlementDir);
        assertEquals(Optional.of(SettlementOutcome.settled("0xabc")), answers.get("k-2"));
        executor = Executors.newSingleThreadExecutor();
        ledger = EmbeddedLedger.open(ledgerDir, Thread::new);
    }

    // ------------------------------------------------------------------ helpers

    /** @param postDies whether the ledger's post never completes (the node dies in it) */
    private Settlements start(ManualSettlement operator, boolean postDies) throws IOException {
        executor = Executors.newSingleThreadExecutor();
        ledger = EmbeddedLedger.open(ledgerDir, Thread::new);
        answers = SettlementAnswers.open(settlementDir);
        new LedgerAccounting(ledger, List.of(bob), Clock.systemUTC()); // the peer's account
        Ledger seen = postDies ? postNeverAnswers(ledger) : ledger;
        Settlements node = new Settlements(new SettlementLedger(seen, List.of(bob)),
                new PeerEngines(Map.of(), operator, answers), List.of(bob),
                Map.of(bob.id(), new SettlementPolicy(true, 1000, 0)), executor,
                (task, delayMs) -> executor.execute(task), Duration.ZERO, Clock.systemUTC());
        node.start();
        return node;
    }

    private void restart() throws IOException {
        executor.shutdownNow();
        ledger.close();
        answers.close();
    }

    private AccountBalance settlement() {
        return join(new SettlementLedger(ledger, List.of(bob)).state(bob)).orElseThrow()
                .settlement();
    }

    private static Ledger postNeverAnswers(Ledger real) {
        return (Ledger) Proxy.newProxyInstance(Ledger.class.getClassLoader(),
                new Class<?>[] {Ledger.class}, (proxy, method, args) -> {
                    if (method.getName().equals("post")) {
                        return new CompletableFuture<TransferResult>();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < end, "timed out");
            Thread.sleep(20);
        }
    }

    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
