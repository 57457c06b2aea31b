package dev.ilpconnector.ledger;

import static dev.ilpconnector.ledger.TransferResult.ACCOUNT_NOT_FOUND;
import static dev.ilpconnector.ledger.TransferResult.ALREADY_POSTED;
import static dev.ilpconnector.ledger.TransferResult.ALREADY_VOIDED;
import static dev.ilpconnector.ledger.TransferResult.EXCEEDS_LIMIT;
import static dev.ilpconnector.ledger.TransferResult.EXISTS;
import static dev.ilpconnector.ledger.TransferResult.EXISTS_DIFFERENT;
import static dev.ilpconnector.ledger.TransferResult.INVALID;
import static dev.ilpconnector.ledger.TransferResult.LEDGER_MISMATCH;
import static dev.ilpconnector.ledger.TransferResult.NOT_PENDING;
import static dev.ilpconnector.ledger.TransferResult.OK;
import static dev.ilpconnector.ledger.TransferResult.PENDING_EXPIRED;
import static dev.ilpconnector.ledger.TransferResult.PENDING_NOT_FOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Ledger} must do, run against each implementation (the embedded one and a
 * real TigerBeetle server): two-phase transfers, limits, idempotent retries, pending timeouts,
 * concurrency and 64-bit amounts with 128-bit totals. Each test works on fresh accounts on a
 * fresh ledger number, so tests never see each other's money even on one shared server.
 */
public abstract class LedgerContractTest {

    static final Duration T30 = Duration.ofSeconds(30);
    static final long U64_MAX = -1L;
    static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    protected int asset;
    protected LedgerId alice;
    protected LedgerId bob;
    protected LedgerId house;

    /** The ledger under test. */
    protected abstract Ledger ledger();

    /** Lets {@code d} pass for the ledger's pending timeouts (a clock or real time). */
    protected abstract void passTime(Duration d);

    @BeforeEach
    void accounts() {
        asset = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        alice = LedgerId.random();
        bob = LedgerId.random();
        house = LedgerId.random();
        assertEquals(AccountResult.OK, account(alice, -1000));
        assertEquals(AccountResult.OK, account(bob, 0));
        assertEquals(AccountResult.OK, get(ledger().createAccount(
                AccountSpec.unlimited(house, asset, AccountSpec.CODE_CONNECTOR))));
    }

    @Test
    void postMovesThePendingAmountToPosted() {
        LedgerId t = LedgerId.random();
        assertEquals(OK, pending(t, alice, house, 300));
        assertEquals(balance(300, 0, 0, 0), bal(alice));
        assertEquals(balance(0, 0, 300, 0), bal(house));
        assertEquals(OK, get(ledger().post(t)));
        assertEquals(balance(0, 300, 0, 0), bal(alice));
        assertEquals(balance(0, 0, 0, 300), bal(house));
        assertEquals(BigInteger.valueOf(-300), bal(alice).netPosted());
    }

    @Test
    void aFinishedTransferAnswersWhatItBecame() {
        LedgerId posted = LedgerId.random();
        LedgerId voided = LedgerId.random();
        assertEquals(OK, pending(posted, alice, house, 10));
        assertEquals(OK, pending(voided, alice, house, 20));
        assertEquals(OK, get(ledger().post(posted)));
        assertEquals(OK, get(ledger().voidPending(voided)));
        assertEquals(ALREADY_POSTED, get(ledger().post(posted)));
        assertEquals(ALREADY_POSTED, get(ledger().voidPending(posted)));
        assertEquals(ALREADY_VOIDED, get(ledger().voidPending(voided)));
        assertEquals(ALREADY_VOIDED, get(ledger().post(voided)));
        assertEquals(PENDING_NOT_FOUND, get(ledger().post(LedgerId.random())));
        LedgerId single = LedgerId.random();
        assertEquals(OK, get(ledger().createPosted(single, house, alice, 5,
                Ledger.CODE_SETTLEMENT)));
        assertEquals(NOT_PENDING, get(ledger().post(single)));
        assertEquals(balance(0, 10, 0, 5), bal(alice));
    }

    /** The switch's T04: the peer is at its limit, and its balance does not move. */
    @Test
    void aDebitPastTheLimitIsRefusedAndChangesNothing() {
        assertEquals(OK, pending(LedgerId.random(), alice, house, 600));
        AccountBalance before = bal(alice);
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), alice, house, 401));
        assertEquals(before, bal(alice));
        assertEquals(balance(0, 0, 600, 0), bal(house));
        assertEquals(OK, pending(LedgerId.random(), alice, house, 400)); // exactly at -1000
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), alice, house, 1));
        // A credit (the peer paid or was paid) makes room again.
        assertEquals(OK, get(ledger().createPosted(LedgerId.random(), house, alice, 1,
                Ledger.CODE_SETTLEMENT)));
        assertEquals(OK, pending(LedgerId.random(), alice, house, 1));
        assertEquals(balance(1001, 0, 0, 1), bal(alice));
    }

    @Test
    void zeroLimitMeansPrepaidAndAPositiveLimitKeepsAReserve() {
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), bob, house, 1));
        credit(bob, 100);
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), bob, house, 101));
        assertEquals(OK, pending(LedgerId.random(), bob, house, 100));
        LedgerId carol = LedgerId.random();
        assertEquals(AccountResult.OK, account(carol, 50));
        credit(carol, 100);
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), carol, house, 51));
        assertEquals(OK, pending(LedgerId.random(), carol, house, 50));
        assertEquals(balance(50, 0, 0, 100), bal(carol));
    }

    @Test
    void setMinBalanceRaisesAndLowersTheLimit() {
        LedgerId big = LedgerId.random();
        assertEquals(OK, pending(big, alice, house, 1000));
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), alice, house, 1));
        assertEquals(AccountResult.OK, get(ledger().setMinBalance(alice, -1500)));
        assertEquals(OK, pending(LedgerId.random(), alice, house, 500));
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), alice, house, 1));
        // Lowered below what is in use: existing holds stay, new debits wait until it holds.
        assertEquals(AccountResult.OK, get(ledger().setMinBalance(alice, -200)));
        assertEquals(OK, get(ledger().voidPending(big)));
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), alice, house, 1));
        credit(alice, 301); // available -500 + 301 = -199: one unit of room above -200
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), alice, house, 2));
        assertEquals(OK, pending(LedgerId.random(), alice, house, 1));
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), alice, house, 1));
        assertEquals(balance(501, 0, 0, 301), bal(alice));
        assertEquals(AccountResult.NOT_FOUND,
                get(ledger().setMinBalance(LedgerId.random(), -5)));
    }

    @Test
    void accountCreationIsIdempotentAndRefusesAnotherIdentity() {
        assertEquals(AccountResult.EXISTS, account(alice, -1000));
        assertEquals(AccountResult.EXISTS_DIFFERENT_LIMIT, account(alice, -2000));
        assertEquals(AccountResult.EXISTS_DIFFERENT, get(ledger().createAccount(
                new AccountSpec(alice, asset + 1, AccountSpec.CODE_PEER, -1000))));
        assertEquals(AccountResult.EXISTS_DIFFERENT, get(ledger().createAccount(
                new AccountSpec(alice, asset, AccountSpec.CODE_SETTLEMENT, -1000))));
        assertEquals(AccountResult.OK, get(ledger().setMinBalance(alice, -2000)));
        assertEquals(AccountResult.EXISTS, account(alice, -2000));
        assertEquals(AccountResult.EXISTS, get(ledger().createAccount(
                AccountSpec.unlimited(house, asset, AccountSpec.CODE_CONNECTOR))));
    }

    @Test
    void aRetriedTransferMovesMoneyOnce() {
        LedgerId t = LedgerId.random();
        assertEquals(OK, pending(t, alice, house, 70));
        assertEquals(EXISTS, pending(t, alice, house, 70));
        assertEquals(EXISTS_DIFFERENT, pending(t, alice, house, 71));
        assertEquals(EXISTS_DIFFERENT, pending(t, bob, house, 70));
        assertEquals(balance(70, 0, 0, 0), bal(alice));
        assertEquals(OK, get(ledger().post(t)));
        assertEquals(EXISTS, pending(t, alice, house, 70)); // still known after posting
        LedgerId s = LedgerId.random();
        assertEquals(OK, get(ledger().createPosted(s, house, bob, 9, Ledger.CODE_SETTLEMENT)));
        assertEquals(EXISTS, get(ledger().createPosted(s, house, bob, 9,
                Ledger.CODE_SETTLEMENT)));
        assertEquals(balance(0, 70, 0, 0), bal(alice));
        assertEquals(balance(0, 0, 0, 9), bal(bob));
    }

    @Test
    void concurrentRetriesOfOneTransferMoveMoneyOnce() throws Exception {
        LedgerId t = LedgerId.random();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TransferResult>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> pending(t, alice, house, 10)));
            }
            int ok = 0;
            for (Future<TransferResult> r : results) {
                TransferResult result = r.get(30, TimeUnit.SECONDS);
                assertTrue(result == OK || result == EXISTS, result.name());
                ok += result == OK ? 1 : 0;
            }
            assertEquals(1, ok);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(balance(10, 0, 0, 0), bal(alice));
    }

    @Test
    void anExpiredPendingTransferCannotBePostedAndIsReleased() {
        LedgerId expires = LedgerId.random();
        LedgerId alsoExpires = LedgerId.random();
        assertEquals(OK, get(ledger().createPending(expires, alice, house, 400,
                Ledger.CODE_ILP_PACKET, Duration.ofSeconds(1))));
        assertEquals(OK, get(ledger().createPending(alsoExpires, alice, house, 500,
                Ledger.CODE_ILP_PACKET, Duration.ofMillis(1)))); // rounded up to 1 s
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), alice, house, 101));
        passTime(Duration.ofMillis(1500));
        assertEquals(PENDING_EXPIRED, get(ledger().post(expires)));
        eventually(() -> bal(alice).nothingPending()); // the untouched one too
        assertEquals(PENDING_EXPIRED, get(ledger().voidPending(alsoExpires)));
        assertEquals(balance(0, 0, 0, 0), bal(alice));
        assertEquals(OK, pending(LedgerId.random(), alice, house, 1000));
    }

    @Test
    void badArgumentsAreRefused() {
        assertEquals(INVALID, pending(LedgerId.random(), alice, house, 0));
        assertEquals(INVALID, pending(LedgerId.random(), alice, alice, 1));
        assertEquals(INVALID, get(ledger().createPending(LedgerId.random(), alice, house, 1,
                Ledger.CODE_ILP_PACKET, Duration.ZERO)));
        assertEquals(INVALID, get(ledger().createPending(LedgerId.random(), alice, house, 1,
                0, T30)));
        assertEquals(ACCOUNT_NOT_FOUND, pending(LedgerId.random(), alice, LedgerId.random(), 1));
        LedgerId elsewhere = LedgerId.random();
        assertEquals(AccountResult.OK, get(ledger().createAccount(AccountSpec.unlimited(
                elsewhere, asset + 1, AccountSpec.CODE_CONNECTOR))));
        assertEquals(LEDGER_MISMATCH, pending(LedgerId.random(), alice, elsewhere, 1));
        assertEquals(balance(0, 0, 0, 0), bal(alice));
    }

    @Test
    void amountsNearTwoToTheSixtyFourAddUpBeyondIt() {
        LedgerId a = LedgerId.random();
        LedgerId b = LedgerId.random();
        assertEquals(AccountResult.OK, get(ledger().createAccount(
                AccountSpec.unlimited(a, asset, AccountSpec.CODE_SETTLEMENT))));
        assertEquals(AccountResult.OK, get(ledger().createAccount(
                AccountSpec.unlimited(b, asset, AccountSpec.CODE_CONNECTOR))));
        LedgerId t = LedgerId.random();
        assertEquals(OK, get(ledger().createPending(t, a, b, U64_MAX, Ledger.CODE_ILP_PACKET,
                T30)));
        assertEquals(OK, get(ledger().post(t)));
        assertEquals(OK, get(ledger().createPosted(LedgerId.random(), a, b, U64_MAX,
                Ledger.CODE_SETTLEMENT)));
        assertEquals(OK, get(ledger().createPending(LedgerId.random(), a, b, U64_MAX,
                Ledger.CODE_ILP_PACKET, T30)));
        BigInteger max = TWO_64.subtract(BigInteger.ONE);
        BigInteger twice = max.shiftLeft(1);
        assertEquals(new AccountBalance(max, twice, BigInteger.ZERO, BigInteger.ZERO), bal(a));
        assertEquals(new AccountBalance(BigInteger.ZERO, BigInteger.ZERO, max, twice), bal(b));
        assertEquals(twice.negate(), bal(a).netPosted());
        // A limited account's room beyond 2^64: credit 2^64-1 plus a 1000 line.
        credit(alice, U64_MAX);
        assertEquals(OK, pending(LedgerId.random(), alice, house, U64_MAX));
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), alice, house, 1001));
        assertEquals(OK, pending(LedgerId.random(), alice, house, 1000));
        assertEquals(EXCEEDS_LIMIT, pending(LedgerId.random(), alice, house, 1));
        assertEquals(new AccountBalance(max.add(BigInteger.valueOf(1000)), BigInteger.ZERO,
                BigInteger.ZERO, max), bal(alice));
    }

    /** Many threads, random transfers between four accounts: balances exact to the unit. */
    @Test
    void concurrentTransfersKeepBalancesExact() throws Exception {
        LedgerId[] accounts = {alice, bob, house, LedgerId.random()};
        assertEquals(AccountResult.OK, account(accounts[3], -5000));
        credit(bob, 1_000_000);
        long seed = System.nanoTime();
        System.out.println(getClass().getSimpleName() + " concurrency seed=" + seed);
        int threads = 16;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> nets = new ArrayList<>();
        try {
            for (int th = 0; th < threads; th++) {
                SplittableRandom random = new SplittableRandom(seed + th);
                nets.add(pool.submit(() -> randomTransfers(accounts, random, perThread)));
            }
            long[] expected = new long[accounts.length];
            expected[1] = 1_000_000; // the credit above, from house
            expected[2] = -1_000_000;
            for (Future<long[]> f : nets) {
                long[] net = f.get(120, TimeUnit.SECONDS);
                for (int i = 0; i < net.length; i++) {
                    expected[i] += net[i];
                }
            }
            for (int i = 0; i < accounts.length; i++) {
                AccountBalance b = bal(accounts[i]);
                assertEquals(BigInteger.valueOf(expected[i]), b.netPosted(), "account " + i);
                assertTrue(b.nothingPending(), "account " + i + " " + b);
            }
            assertTrue(bal(alice).available().compareTo(BigInteger.valueOf(-1000)) >= 0);
            assertTrue(bal(accounts[3]).available().compareTo(BigInteger.valueOf(-5000)) >= 0);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Pending transfers posted or voided at random; returns each account's net posted. */
    private long[] randomTransfers(LedgerId[] accounts, SplittableRandom random, int count) {
        long[] net = new long[accounts.length];
        for (int i = 0; i < count; i++) {
            int from = random.nextInt(accounts.length);
            int to = (from + 1 + random.nextInt(accounts.length - 1)) % accounts.length;
            long amount = 1 + random.nextInt(900);
            LedgerId t = LedgerId.random();
            TransferResult created = pending(t, accounts[from], accounts[to], amount);
            assertTrue(created == OK || created == EXCEEDS_LIMIT, created.name());
            if (created != OK) {
                continue;
            }
            if (random.nextBoolean()) {
                assertEquals(OK, get(ledger().post(t)));
                net[from] -= amount;
                net[to] += amount;
            } else {
                assertEquals(OK, get(ledger().voidPending(t)));
            }
        }
        return net;
    }

    // ---------------------------------------------------------------- helpers

    protected AccountResult account(LedgerId id, long minBalance) {
        return get(ledger().createAccount(new AccountSpec(id, asset, AccountSpec.CODE_PEER,
                minBalance)));
    }

    protected TransferResult pending(LedgerId id, LedgerId debit, LedgerId credit, long amount) {
        return get(ledger().createPending(id, debit, credit, amount, Ledger.CODE_ILP_PACKET, T30));
    }

    /** Posts {@code amount} from the connector's account to {@code account}. */
    protected void credit(LedgerId account, long amount) {
        assertEquals(OK, get(ledger().createPosted(LedgerId.random(), house, account, amount,
                Ledger.CODE_SETTLEMENT)));
    }

    protected AccountBalance bal(LedgerId account) {
        return get(ledger().balance(account)).orElseThrow();
    }

    static AccountBalance balance(long debitsPending, long debitsPosted, long creditsPending,
                                  long creditsPosted) {
        return AccountBalance.ofUnsigned64(debitsPending, debitsPosted, creditsPending,
                creditsPosted);
    }

    protected static <T> T get(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits (up to 20 s) for a condition the ledger reaches by itself, e.g. an expiry. */
    protected void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 20 s");
            }
            passTime(Duration.ofMillis(100));
        }
    }
}
