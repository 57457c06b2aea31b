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

/**
 * Holds as transfers: a direct leg within one asset, two legs across ledgers, and the failures
 * half-way that must leave nothing held for a packet not forwarded.
 */
class LedgerAccountingTest {

    private final PeerConfig alice = peer("alice", 9);
    private final PeerConfig bob = peer("bob", 9);
    /** XRP at scale 6: another ledger, so packets from alice take two legs. */
    private final PeerConfig carol = peer("carol", 6);
    private final EmbeddedLedger embedded = new EmbeddedLedger();

    @Test
    void withinOneAssetAPacketIsOneTransferFromTheSourceToTheNextHop() throws Exception {
        LedgerAccounting accounting = new LedgerAccounting(embedded, List.of(alice, bob),
                Clock.systemUTC());
        Accounting.Hold hold = hold(accounting, alice, 500, bob, 500);
        assertEquals(Accounting.HoldStatus.HELD, hold.status());
        assertEquals(1, embedded.pendingCount());
        assertEquals(BigInteger.valueOf(500), balance(accounting, alice).debitsPending());
        assertEquals(BigInteger.valueOf(500), balance(accounting, bob).creditsPending());

        accounting.commit(hold).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(BigInteger.valueOf(-500), balance(accounting, alice).netPosted());
        assertEquals(BigInteger.valueOf(500), balance(accounting, bob).netPosted());
        assertEquals(0, embedded.pendingCount());
        AccountBalance connector = embedded.balance(AssetLedgers.connectorAccount("XRP", 9))
                .toCompletableFuture().get().orElseThrow();
        assertEquals(BigInteger.ZERO, connector.netPosted());
        assertTrue(connector.nothingPending(), connector.toString());
    }

    @Test
    void aDirectLegReleasedOrOverTheLimitMovesNothing() throws Exception {
        LedgerAccounting accounting = new LedgerAccounting(embedded, List.of(alice, bob),
                Clock.systemUTC());
        accounting.release(hold(accounting, alice, 500, bob, 500))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        // alice may owe 1,000,000 (min balance -1,000,000)
        assertEquals(Accounting.HoldStatus.EXCEEDS_LIMIT,
                hold(accounting, alice, 1_000_001, bob, 1_000_001).status());
        for (PeerConfig p : List.of(alice, bob)) {
            AccountBalance b = balance(accounting, p);
            assertTrue(b.nothingPending(), p.id() + " still holds " + b);
            assertEquals(BigInteger.ZERO, b.netPosted(), p.id());
        }
        assertEquals(0, embedded.pendingCount());
    }

    @Test
    void acrossLedgersThePacketTakesAnInLegAndAnOutLeg() throws Exception {
        LedgerAccounting accounting = new LedgerAccounting(embedded, List.of(alice, carol),
                Clock.systemUTC());
        Accounting.Hold hold = hold(accounting, alice, 500_000, carol, 500);
        assertEquals(2, embedded.pendingCount());
        accounting.commit(hold).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(BigInteger.valueOf(-500_000), balance(accounting, alice).netPosted());
        assertEquals(BigInteger.valueOf(500), balance(accounting, carol).netPosted());
        assertEquals(BigInteger.valueOf(500_000), embedded.balance(
                AssetLedgers.connectorAccount("XRP", 9)).toCompletableFuture().get()
                .orElseThrow().netPosted());
        assertEquals(0, embedded.pendingCount());
    }

    @Test
    void anOutLegTheLedgerDoesNotAnswerReleasesTheInLeg() throws Exception {
        LedgerAccounting accounting = new LedgerAccounting(new OutLegsFail(embedded),
                List.of(alice, carol), Clock.systemUTC());
        Accounting.Hold hold = accounting.hold(alice, 500_000, carol, 500,
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
            LedgerAccounting accounting = new LedgerAccounting(ledger, List.of(alice, carol),
                    Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
            Accounting.Hold hold = accounting.hold(alice, 500_000, carol, 500,
                    Instant.EPOCH.plusMillis(holdMs), new byte[32])
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(Accounting.HoldStatus.HELD, hold.status());
            long at = now.get() + offset;
            now.set(at);
            accounting.commit(hold).toCompletableFuture().get(5, TimeUnit.SECONDS);
            BigInteger paid = accounting.balance(alice).toCompletableFuture().get()
                    .orElseThrow().netPosted();
            BigInteger credited = accounting.balance(carol).toCompletableFuture().get()
                    .orElseThrow().netPosted();
            assertTrue(credited.signum() == 0 || paid.signum() < 0,
                    "commit at " + at + " ms credited carol " + credited + " but alice paid "
                            + paid);
            assertEquals(0, ledger.pendingCount(), "nothing stays held at " + at + " ms");
        }
    }

    private static Accounting.Hold hold(LedgerAccounting accounting, PeerConfig source,
            long sourceAmount, PeerConfig destination, long destinationAmount) throws Exception {
        return accounting.hold(source, sourceAmount, destination, destinationAmount,
                Instant.now().plusSeconds(30), new byte[32])
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static AccountBalance balance(LedgerAccounting accounting, PeerConfig peer)
            throws Exception {
        return accounting.balance(peer).toCompletableFuture().get(5, TimeUnit.SECONDS)
                .orElseThrow();
    }

    private static PeerConfig peer(String id, int assetScale) {
        return new PeerConfig(id, Relation.CHILD, Optional.empty(), Optional.of("t"), "XRP",
                assetScale, -1L, -1_000_000L, List.of());
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
            boolean outLeg = debit.equals(AssetLedgers.connectorAccount("XRP", 6));
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
