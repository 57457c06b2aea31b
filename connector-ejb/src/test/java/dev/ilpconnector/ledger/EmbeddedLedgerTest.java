package dev.ilpconnector.ledger;

import static dev.ilpconnector.ledger.TransferResult.ACCOUNT_NOT_FOUND;
import static dev.ilpconnector.ledger.TransferResult.ALREADY_POSTED;
import static dev.ilpconnector.ledger.TransferResult.ALREADY_VOIDED;
import static dev.ilpconnector.ledger.TransferResult.BUSY;
import static dev.ilpconnector.ledger.TransferResult.EXCEEDS_LIMIT;
import static dev.ilpconnector.ledger.TransferResult.EXISTS;
import static dev.ilpconnector.ledger.TransferResult.EXISTS_DIFFERENT;
import static dev.ilpconnector.ledger.TransferResult.INVALID;
import static dev.ilpconnector.ledger.TransferResult.LEDGER_MISMATCH;
import static dev.ilpconnector.ledger.TransferResult.NOT_PENDING;
import static dev.ilpconnector.ledger.TransferResult.OK;
import static dev.ilpconnector.ledger.TransferResult.OVERFLOW;
import static dev.ilpconnector.ledger.TransferResult.PENDING_EXPIRED;
import static dev.ilpconnector.ledger.TransferResult.PENDING_NOT_FOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedLedgerTest {

    static final int USD = 1;
    static final int EUR = 2;
    static final Duration T30 = Duration.ofSeconds(30);
    static final long MAX = -1L; // 2^64 - 1

    final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    EmbeddedLedger ledger;
    final LedgerId alice = LedgerId.forName("peer:alice");
    final LedgerId bob = LedgerId.forName("peer:bob");
    final LedgerId house = LedgerId.forName("connector:usd");

    @BeforeEach
    void setUp() {
        ledger = new EmbeddedLedger(now::get);
        ok(ledger.createAccount(new AccountSpec(alice, USD, AccountSpec.CODE_PEER, -1000)));
        ok(ledger.createAccount(new AccountSpec(bob, USD, AccountSpec.CODE_PEER, 0)));
        ok(ledger.createAccount(AccountSpec.unlimited(house, USD, AccountSpec.CODE_CONNECTOR)));
    }

    static <T> T get(CompletionStage<T> s) {
        try {
            return s.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void ok(CompletionStage<AccountResult> s) {
        assertEquals(AccountResult.OK, get(s));
    }

    TransferResult pending(LedgerId id, LedgerId d, LedgerId c, long amount) {
        return get(ledger.createPending(id, d, c, amount, Ledger.CODE_ILP_PACKET, T30));
    }

    TransferResult posted(LedgerId id, LedgerId d, LedgerId c, long amount) {
        return get(ledger.createPosted(id, d, c, amount, Ledger.CODE_SETTLEMENT));
    }

    AccountBalance bal(LedgerId a) {
        return get(ledger.balance(a)).orElseThrow();
    }

    @Test
    void twoPhasePostMovesPendingToPosted() {
        LedgerId t = LedgerId.random();
        assertEquals(OK, pending(t, alice, house, 300));
        assertEquals(AccountBalance.ofUnsigned64(300, 0, 0, 0), bal(alice));
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 300, 0), bal(house));
        assertEquals(BigInteger.valueOf(-300), bal(alice).available());
        assertEquals(OK, get(ledger.post(t)));
        assertEquals(AccountBalance.ofUnsigned64(0, 300, 0, 0), bal(alice));
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 300), bal(house));
        assertEquals(BigInteger.valueOf(-300), bal(alice).netPosted());
        assertEquals(ALREADY_POSTED, get(ledger.post(t)));
        assertEquals(ALREADY_POSTED, get(ledger.voidPending(t)));
        assertEquals(0, ledger.pendingCount());
        ledger.checkInvariants();
    }

    @Test
    void voidReleasesEverything() {
        LedgerId t = LedgerId.random();
        assertEquals(OK, pending(t, alice, house, 1000));
        assertEquals(OK, get(ledger.voidPending(t)));
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 0), bal(alice));
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 0), bal(house));
        assertEquals(ALREADY_VOIDED, get(ledger.voidPending(t)));
        assertEquals(ALREADY_VOIDED, get(ledger.post(t)));
        ledger.checkInvariants();
    }

    @Test
    void limitCountsPendingDebits() {
        assertEquals(OK, pending(LedgerId.random(), alice, house, 600));
        assertEquals(OK, pending(LedgerId.random(), alice, house, 400)); // exactly -1000
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), alice, house, 1));
        assertEquals(AccountBalance.ofUnsigned64(1000, 0, 0, 0), bal(alice));
        // a credit (we paid alice, or she settled) makes room; pending credits do not
        assertEquals(OK, pending(LedgerId.random(), house, alice, 50));
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), alice, house, 1));
        assertEquals(OK, posted(LedgerId.random(), house, alice, 50));
        assertEquals(OK, pending(LedgerId.random(), alice, house, 50));
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), alice, house, 1));
        ledger.checkInvariants();
    }

    @Test
    void zeroLimitMeansPrepaidAndPositiveLimitKeepsAReserve() {
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), bob, house, 1));
        assertEquals(OK, posted(LedgerId.random(), house, bob, 100));
        assertEquals(OK, pending(LedgerId.random(), bob, house, 100));
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), bob, house, 1));

        LedgerId carol = LedgerId.forName("peer:carol");
        ok(ledger.createAccount(new AccountSpec(carol, USD, AccountSpec.CODE_PEER, 40)));
        assertEquals(OK, posted(LedgerId.random(), house, carol, 100));
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), carol, house, 61));
        assertEquals(OK, pending(LedgerId.random(), carol, house, 60));
        assertEquals(BigInteger.valueOf(40), bal(carol).available());
    }

    @Test
    void setMinBalanceChangesTheLimit() {
        assertEquals(OK, pending(LedgerId.random(), alice, house, 1000));
        assertEquals(AccountResult.OK, get(ledger.setMinBalance(alice, -500)));
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), alice, house, 1)); // stays held
        assertEquals(AccountResult.OK, get(ledger.setMinBalance(alice, AccountSpec.NO_LIMIT)));
        assertEquals(OK, pending(LedgerId.random(), alice, house, 1_000_000));
        assertEquals(AccountResult.NOT_FOUND,
                get(ledger.setMinBalance(LedgerId.forName("nobody"), 0)));
    }

    @Test
    void limitArithmeticAtTheEdges() {
        assertTrue(within(AccountSpec.NO_LIMIT, 0, 0, MAX, MAX));
        assertTrue(within(Long.MIN_VALUE + 1, 0, 0, 0, Long.MAX_VALUE));
        assertFalse(within(Long.MIN_VALUE + 1, 0, 0, 0, Long.MAX_VALUE + 1));
        assertTrue(within(-1, MAX, MAX, MAX, MAX)); // ceiling beyond 2^128-1
        assertTrue(within(0, MAX, MAX, MAX, MAX));
        assertFalse(within(1, MAX, MAX, MAX, MAX));
        // credits 2^64 - 1 plus an allowance of 1 carry into the high word: ceiling 2^64
        assertTrue(within(-1, 0, MAX, 1, 0));
        assertFalse(within(-1, 0, MAX, 1, 1));
        // (2^64 - 1) - (2^63 - 1) = 2^63
        assertTrue(within(Long.MAX_VALUE, 0, MAX, 0, Long.MAX_VALUE + 1));
        assertFalse(within(Long.MAX_VALUE, 0, MAX, 0, Long.MAX_VALUE + 2));
        // 2^64 - 5 borrows from the high word: 2^64 - 5 = (0, MAX - 4)
        assertTrue(within(5, 1, 0, 0, MAX - 4));
        assertFalse(within(5, 1, 0, 1, 0));
        assertFalse(within(5, 0, 4, 0, 0)); // credits below a positive minimum
        assertTrue(within(5, 0, 5, 0, 0));
    }

    private static boolean within(long minBalance, long creditsHi, long creditsLo,
            long debitsHi, long debitsLo) {
        return EmbeddedLedger.withinLimit(minBalance, creditsHi, creditsLo, debitsHi, debitsLo);
    }

    @Test
    void idempotentCreate() {
        LedgerId t = LedgerId.random();
        assertEquals(OK, pending(t, alice, house, 10));
        assertEquals(EXISTS, pending(t, alice, house, 10));
        assertEquals(EXISTS_DIFFERENT, pending(t, alice, house, 11));
        assertEquals(EXISTS_DIFFERENT, pending(t, house, alice, 10));
        assertEquals(EXISTS_DIFFERENT, pending(t, alice, bob, 10));
        assertEquals(EXISTS_DIFFERENT, get(ledger.createPending(t, alice, house, 10,
                Ledger.CODE_ILP_PACKET, Duration.ofSeconds(31))));
        assertEquals(EXISTS_DIFFERENT, get(ledger.createPending(t, alice, house, 10,
                7, T30)));
        assertEquals(EXISTS_DIFFERENT, posted(t, alice, house, 10));
        assertEquals(AccountBalance.ofUnsigned64(10, 0, 0, 0), bal(alice)); // moved once
        assertEquals(OK, get(ledger.post(t)));
        assertEquals(EXISTS, pending(t, alice, house, 10)); // replay after post: still once
        assertEquals(AccountBalance.ofUnsigned64(0, 10, 0, 0), bal(alice));

        LedgerId p = LedgerId.random();
        assertEquals(OK, posted(p, house, bob, 5));
        assertEquals(EXISTS, posted(p, house, bob, 5));
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 5), bal(bob));
        assertEquals(NOT_PENDING, get(ledger.post(p)));
        assertEquals(NOT_PENDING, get(ledger.voidPending(p)));
        ledger.checkInvariants();
    }

    @Test
    void timeoutRoundsUpToSeconds() {
        LedgerId t = LedgerId.random();
        assertEquals(OK, get(ledger.createPending(t, alice, house, 1, 1,
                Duration.ofMillis(1001))));
        assertEquals(EXISTS, get(ledger.createPending(t, alice, house, 1, 1,
                Duration.ofSeconds(2))));
        now.addAndGet(1999);
        assertEquals(OK, get(ledger.post(t)));
    }

    @Test
    void expiredPendingCannotBePostedOrVoidedAndIsReleased() {
        LedgerId a = LedgerId.random();
        LedgerId b = LedgerId.random();
        assertEquals(OK, pending(a, alice, house, 700));
        assertEquals(OK, pending(b, alice, house, 300));
        now.addAndGet(29_999);
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), alice, house, 1));
        now.addAndGet(1); // now == created + 30 s: expired (TigerBeetle: now >= expiry)
        assertEquals(PENDING_EXPIRED, get(ledger.post(a)));
        assertEquals(PENDING_EXPIRED, get(ledger.post(a)));
        assertEquals(AccountBalance.ofUnsigned64(300, 0, 0, 0), bal(alice)); // a released lazily
        assertEquals(PENDING_EXPIRED, get(ledger.voidPending(b)));
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 0), bal(alice));
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 0), bal(house));
        assertEquals(0, ledger.pendingCount());
        ledger.checkInvariants();
    }

    @Test
    void sweepReleasesExpiredPendings() {
        for (int i = 0; i < 10; i++) {
            assertEquals(OK, pending(LedgerId.random(), alice, house, 100));
        }
        LedgerId later = LedgerId.random();
        assertEquals(OK, get(ledger.createPending(later, house, bob, 5, 1,
                Duration.ofSeconds(60))));
        assertEquals(0, ledger.sweepExpired());
        now.addAndGet(30_000);
        assertEquals(10, ledger.sweepExpired());
        assertEquals(AccountBalance.ofUnsigned64(0, 0, 0, 0), bal(alice));
        assertEquals(1, ledger.pendingCount());
        assertEquals(OK, get(ledger.post(later)));
        ledger.checkInvariants();
    }

    @Test
    void limitHitReleasesExpiredReservationsLazily() {
        assertEquals(OK, pending(LedgerId.random(), alice, house, 1000));
        now.addAndGet(30_000);
        // no sweep ran: the create itself finds the expired reservation in its way
        assertEquals(OK, pending(LedgerId.random(), alice, house, 1000));
        assertEquals(AccountBalance.ofUnsigned64(1000, 0, 0, 0), bal(alice));
        ledger.checkInvariants();
    }

    @Test
    void totalsPassTwoToTheSixtyFourExactly() {
        LedgerId x = LedgerId.forName("x");
        LedgerId y = LedgerId.forName("y");
        ok(ledger.createAccount(AccountSpec.unlimited(x, EUR, 1)));
        ok(ledger.createAccount(new AccountSpec(y, EUR, 1, 0)));
        assertEquals(OK, posted(LedgerId.random(), x, y, MAX));
        assertEquals(OK, posted(LedgerId.random(), x, y, MAX));
        assertEquals(OK, posted(LedgerId.random(), x, y, 3)); // 2 * (2^64 - 1) + 3 = 2^65 + 1
        BigInteger total = BigInteger.ONE.shiftLeft(65).add(BigInteger.ONE);
        assertEquals(new AccountBalance(BigInteger.ZERO, total, BigInteger.ZERO,
                BigInteger.ZERO), bal(x));
        // y (prepaid, limit 0) may now spend all of it, pending included, and not one unit more
        assertEquals(OK, pending(LedgerId.random(), y, x, MAX));
        assertEquals(OK, pending(LedgerId.random(), y, x, MAX));
        LedgerId last = LedgerId.random();
        assertEquals(OK, pending(last, y, x, 3));
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), y, x, 1));
        assertEquals(OK, get(ledger.post(last)));
        assertEquals(BigInteger.ZERO, bal(y).available());
        ledger.checkInvariants();
    }

    @Test
    void overflowOnlyPastTwoToTheOneHundredTwentyEightChangesNothing() {
        LedgerId x = LedgerId.forName("x");
        LedgerId y = LedgerId.forName("y");
        BigInteger u128Max = AccountBalance.U128_LIMIT.subtract(BigInteger.ONE);
        BigInteger start = u128Max.subtract(BigInteger.valueOf(20));
        ledger.restoreAccount(AccountSpec.unlimited(x, EUR, 1), start, BigInteger.ZERO);
        ledger.restoreAccount(AccountSpec.unlimited(y, EUR, 1), BigInteger.ZERO, start);
        assertEquals(OK, posted(LedgerId.random(), x, y, 10));
        LedgerId p = LedgerId.random();
        assertEquals(OK, pending(p, x, y, 10)); // posted + pending == 2^128 - 1 exactly
        AccountBalance before = bal(x);
        assertEquals(OVERFLOW, pending(LedgerId.random(), x, y, 1));
        assertEquals(OVERFLOW, posted(LedgerId.random(), x, y, 1));
        LedgerId z = LedgerId.forName("z");
        ok(ledger.createAccount(AccountSpec.unlimited(z, EUR, 1)));
        assertEquals(OVERFLOW, pending(LedgerId.random(), z, y, 1)); // y's credits
        assertEquals(OK, pending(LedgerId.random(), y, z, MAX)); // y's debits still empty
        assertEquals(before, bal(x));
        assertEquals(OK, get(ledger.post(p)));
        assertEquals(new AccountBalance(BigInteger.ZERO, u128Max, BigInteger.ZERO,
                BigInteger.ZERO), bal(x));
        assertEquals(new AccountBalance(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
                BigInteger.ZERO, BigInteger.ZERO, u128Max), bal(y));
        assertEquals(u128Max.negate(), bal(x).netPosted());
        ledger.checkInvariants();
    }

    @Test
    void badArguments() {
        assertEquals(INVALID, pending(LedgerId.random(), alice, house, 0));
        assertEquals(INVALID, pending(LedgerId.random(), alice, alice, 1));
        assertEquals(INVALID, get(ledger.createPending(LedgerId.random(), alice, house, 1, 0,
                T30)));
        assertEquals(INVALID, get(ledger.createPending(LedgerId.random(), alice, house, 1, 1,
                Duration.ZERO)));
        assertEquals(INVALID, get(ledger.createPending(LedgerId.random(), alice, house, 1, 1,
                Duration.ofSeconds(LedgerLimits.PENDING_TIMEOUT_SECONDS_MAX).plusMillis(1))));
        assertEquals(OK, get(ledger.createPending(LedgerId.random(), alice, house, 1, 1,
                Duration.ofSeconds(LedgerLimits.PENDING_TIMEOUT_SECONDS_MAX))));
        assertEquals(ACCOUNT_NOT_FOUND, pending(LedgerId.random(), alice,
                LedgerId.forName("ghost"), 1));
        LedgerId eur = LedgerId.forName("connector:eur");
        ok(ledger.createAccount(AccountSpec.unlimited(eur, EUR, AccountSpec.CODE_CONNECTOR)));
        assertEquals(LEDGER_MISMATCH, pending(LedgerId.random(), alice, eur, 1));
        assertEquals(PENDING_NOT_FOUND, get(ledger.post(LedgerId.random())));
        assertEquals(PENDING_NOT_FOUND, get(ledger.voidPending(LedgerId.random())));
        assertTrue(get(ledger.balance(LedgerId.forName("ghost"))).isEmpty());
        assertThrows(NullPointerException.class, () -> ledger.post(null));
    }

    @Test
    void accountCreationIsIdempotent() {
        assertEquals(AccountResult.EXISTS, get(ledger.createAccount(
                new AccountSpec(alice, USD, AccountSpec.CODE_PEER, -1000))));
        assertEquals(AccountResult.EXISTS_DIFFERENT_LIMIT, get(ledger.createAccount(
                new AccountSpec(alice, USD, AccountSpec.CODE_PEER, -5))));
        assertEquals(AccountResult.EXISTS_DIFFERENT, get(ledger.createAccount(
                new AccountSpec(alice, EUR, AccountSpec.CODE_PEER, -1000))));
        assertEquals(AccountResult.EXISTS_DIFFERENT, get(ledger.createAccount(
                new AccountSpec(alice, USD, AccountSpec.CODE_CONNECTOR, -1000))));
    }

    @Test
    void pendingTransfersAreBounded() {
        EmbeddedLedger small = smallWithAccountsAAndB(3);
        LedgerId first = LedgerId.random();
        assertEquals(OK, get(small.createPending(first, A, B, 1, 1, T30)));
        assertEquals(OK, get(small.createPending(LedgerId.random(), A, B, 1, 1, T30)));
        assertEquals(OK, get(small.createPending(LedgerId.random(), A, B, 1, 1, T30)));
        assertEquals(BUSY, get(small.createPending(LedgerId.random(), A, B, 1, 1, T30)));
        assertEquals(OK, get(small.createPosted(LedgerId.random(), A, B, 1, 1))); // not held
        assertEquals(OK, get(small.post(first)));
        assertEquals(OK, get(small.createPending(LedgerId.random(), A, B, 1, 1, T30)));
        assertEquals(BUSY, get(small.createPending(LedgerId.random(), A, B, 1, 1, T30)));
        now.addAndGet(30_000); // expired ones make room without a sweep
        assertEquals(OK, get(small.createPending(LedgerId.random(), A, B, 1, 1, T30)));
        assertEquals(1, small.pendingCount());
        small.checkInvariants();
    }

    @Test
    void finishedTransfersAreForgottenBeyondTheRetentionBound() {
        EmbeddedLedger small = smallWithAccountsAAndB(8);
        LedgerId old = LedgerId.random();
        assertEquals(OK, get(small.createPosted(old, A, B, 1, 1)));
        for (int i = 0; i < 100; i++) {
            assertEquals(OK, get(small.createPosted(LedgerId.random(), A, B, 1, 1)));
        }
        assertEquals(PENDING_NOT_FOUND, get(small.post(old)));
        small.checkInvariants();
    }

    @Test
    void aSettlementIsRememberedPastTheRetentionBoundSoItsReplayMovesNothing() {
        EmbeddedLedger small = smallWithAccountsAAndB(8);
        LedgerId incoming = LedgerId.forName("settlement-in:bob:wire-42");
        assertEquals(OK, get(small.createPosted(incoming, A, B, 500, Ledger.CODE_SETTLEMENT)));
        for (int i = 0; i < 100; i++) {
            assertEquals(OK, get(small.createPosted(LedgerId.random(), A, B, 1,
                    Ledger.CODE_ILP_PACKET)));
        }

        // An operator's retry with the same Idempotency-Key, many packets later.
        assertEquals(EXISTS, get(small.createPosted(incoming, A, B, 500,
                Ledger.CODE_SETTLEMENT)));
        assertEquals(BigInteger.valueOf(600), small.balanceNow(B).orElseThrow().creditsPosted(),
                "credited once");
        small.checkInvariants();
    }

    private static final LedgerId A = LedgerId.forName("a");
    private static final LedgerId B = LedgerId.forName("b");

    /** A ledger with small bounds (16 finished transfers retained) and two open accounts. */
    private EmbeddedLedger smallWithAccountsAAndB(int pendingMax) {
        EmbeddedLedger small = new EmbeddedLedger(now::get, pendingMax, 16);
        get(small.createAccount(AccountSpec.unlimited(A, USD, 1)));
        get(small.createAccount(AccountSpec.unlimited(B, USD, 1)));
        return small;
    }
}
