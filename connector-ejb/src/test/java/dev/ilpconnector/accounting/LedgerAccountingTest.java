package dev.ilpconnector.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.AccountResult;
import dev.ilpconnector.ledger.AccountSpec;
import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.ledger.LedgerId;
import dev.ilpconnector.ledger.LedgerStatus;
import dev.ilpconnector.ledger.LedgerUnavailableException;
import dev.ilpconnector.ledger.TransferResult;
import dev.ilpconnector.packetswitch.Accounting;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Holds when the ledger fails half-way: nothing may stay held for a packet not forwarded. */
class LedgerAccountingTest {

    private final PeerConfig alice = peer("alice");
    private final PeerConfig bob = peer("bob");
    private final EmbeddedLedger embedded = new EmbeddedLedger();

    @Test
    void anOutLegTheLedgerDoesNotAnswerReleasesTheInLeg() throws Exception {
        LedgerAccounting accounting = new LedgerAccounting(new OutLegsFail(embedded),
                List.of(alice, bob), Clock.systemUTC());
        Accounting.Hold hold = accounting.hold(alice, 500, bob, 500,
                Instant.now().plusSeconds(30), new byte[32])
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(Accounting.HoldStatus.UNAVAILABLE, hold.status());
        AccountBalance a = accounting.balance(alice).toCompletableFuture().get().orElseThrow();
        assertTrue(a.nothingPending(), "alice still holds " + a);
        assertEquals(BigInteger.ZERO, a.netPosted());
        assertEquals(0, embedded.pendingCount());
    }

    /**
     * The race of the two legs' commit: whenever the fulfillment arrives, near the ledger's
     * own timeouts included, the books never show the next hop credited and the source not
     * debited. The ledger's clock moves 1 ms per reading, so the out-leg is created a little
     * after the in-leg, as on a real ledger.
     */
    @Test
    void aCommitNeverCreditsTheNextHopWithoutDebitingTheSource() throws Exception {
        long holdMs = 10_000;
        // around each timeout (hold + 2 s, hold + 4 s), 1 ms apart, counted from the hold
        for (long offset = holdMs + 1_950; offset <= holdMs + 4_010; offset +=
                offset < holdMs + 2_010 || offset > holdMs + 3_950 ? 1 : 100) {
            AtomicLong now = new AtomicLong();
            EmbeddedLedger ledger = new EmbeddedLedger(now::getAndIncrement);
            LedgerAccounting accounting = new LedgerAccounting(ledger, List.of(alice, bob),
                    Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
            Accounting.Hold hold = accounting.hold(alice, 500, bob, 500,
                    Instant.EPOCH.plusMillis(holdMs), new byte[32])
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(Accounting.HoldStatus.HELD, hold.status());
            long at = now.get() + offset;
            now.set(at);
            accounting.commit(hold).toCompletableFuture().get(5, TimeUnit.SECONDS);
            BigInteger paid = accounting.balance(alice).toCompletableFuture().get()
                    .orElseThrow().netPosted();
            BigInteger credited = accounting.balance(bob).toCompletableFuture().get()
                    .orElseThrow().netPosted();
            assertTrue(credited.signum() == 0 || paid.signum() < 0,
                    "commit at " + at + " ms credited bob " + credited + " but alice paid "
                            + paid);
            assertEquals(0, ledger.pendingCount(), "nothing stays held at " + at + " ms");
        }
    }

    private static PeerConfig peer(String id) {
        return new PeerConfig(id, Relation.CHILD, Optional.empty(), Optional.of("t"), "XRP", 9,
                -1L, -1_000_000L, List.of());
    }

    /** The embedded ledger, except that a create debiting a connector account times out. */
    private static final class OutLegsFail implements Ledger {
        private final EmbeddedLedger inner;

        OutLegsFail(EmbeddedLedger inner) {
            this.inner = inner;
        }

        @Override
        public CompletionStage<TransferResult> createPending(LedgerId id, LedgerId debit,
                LedgerId credit, long amount, int code, Duration timeout) {
            boolean outLeg = debit.equals(AssetLedgers.connectorAccount("XRP", 9));
            return outLeg ? CompletableFuture.failedStage(new LedgerUnavailableException("gone"))
                    : inner.createPending(id, debit, credit, amount, code, timeout);
        }

        @Override
        public CompletionStage<AccountResult> createAccount(AccountSpec spec) {
            return inner.createAccount(spec);
        }

        @Override
        public CompletionStage<AccountResult> setMinBalance(LedgerId account, long minBalance) {
            return inner.setMinBalance(account, minBalance);
        }

        @Override
        public CompletionStage<TransferResult> createPosted(LedgerId id, LedgerId debit,
                LedgerId credit, long amount, int code) {
            return inner.createPosted(id, debit, credit, amount, code);
        }

        @Override
        public CompletionStage<TransferResult> post(LedgerId id) {
            return inner.post(id);
        }

        @Override
        public CompletionStage<TransferResult> voidPending(LedgerId id) {
            return inner.voidPending(id);
        }

        @Override
        public CompletionStage<Optional<AccountBalance>> balance(LedgerId account) {
            return inner.balance(account);
        }

        @Override
        public LedgerStatus status() {
            return inner.status();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
