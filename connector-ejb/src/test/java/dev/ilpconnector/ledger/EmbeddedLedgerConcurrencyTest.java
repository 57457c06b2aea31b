package dev.ilpconnector.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Many threads, random transfers; afterwards exact balances and debits == credits. */
class EmbeddedLedgerConcurrencyTest {

    static final int ACCOUNTS = 6;
    static final int THREADS = 4;
    static final int OPS_PER_THREAD = 20_000;

    @Test
    void randomConcurrentTransfersKeepExactBalances() throws Exception {
        long seed = System.nanoTime();
        System.out.println("EmbeddedLedgerConcurrencyTest seed=" + seed);
        AtomicLong clock = new AtomicLong(1_000_000);
        EmbeddedLedger ledger = new EmbeddedLedger(clock::get);
        LedgerId[] ids = new LedgerId[ACCOUNTS];
        for (int i = 0; i < ACCOUNTS; i++) {
            ids[i] = LedgerId.forName("acct" + i);
            long min = i == 0 ? AccountSpec.NO_LIMIT : -50_000; // account 0 is the house
            ledger.createAccount(new AccountSpec(ids[i], 1, 1, min));
        }
        // expected totals, updated only for OK results: [debitsPending, debitsPosted, ...]
        AtomicLongArray dp = new AtomicLongArray(ACCOUNTS);
        AtomicLongArray dP = new AtomicLongArray(ACCOUNTS);
        AtomicLongArray cp = new AtomicLongArray(ACCOUNTS);
        AtomicLongArray cP = new AtomicLongArray(ACCOUNTS);
        ConcurrentLinkedQueue<long[]> open = new ConcurrentLinkedQueue<>(); // {hi,lo,d,c,amt}
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(THREADS);
        for (int t = 0; t < THREADS; t++) {
            Random rnd = new Random(seed + t);
            new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < OPS_PER_THREAD; i++) {
                        step(ledger, ids, rnd, open, dp, dP, cp, cP);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        start.countDown();
        assertTrue(done.await(60, TimeUnit.SECONDS), "threads did not finish");
        if (failure.get() != null) {
            throw new AssertionError("seed=" + seed, failure.get());
        }
        ledger.checkInvariants();
        for (int i = 0; i < ACCOUNTS; i++) {
            AccountBalance b = ledger.balanceNow(ids[i]).orElseThrow();
            assertEquals(AccountBalance.ofUnsigned64(dp.get(i), dP.get(i), cp.get(i), cP.get(i)), b,
                    "seed=" + seed + " account " + i);
        }
        assertEquals(open.size(), ledger.pendingCount());
        for (long[] o : open) { // close everything: nothing may stay held
            assertEquals(TransferResult.OK, EmbeddedLedgerTest.get(
                    ledger.voidPending(new LedgerId(o[0], o[1]))));
        }
        ledger.checkInvariants();
        for (int i = 0; i < ACCOUNTS; i++) {
            assertTrue(ledger.balanceNow(ids[i]).orElseThrow().nothingPending());
        }
    }

    private static void step(EmbeddedLedger ledger, LedgerId[] ids, Random rnd,
            ConcurrentLinkedQueue<long[]> open, AtomicLongArray dp, AtomicLongArray dP,
            AtomicLongArray cp, AtomicLongArray cP) {
        int op = rnd.nextInt(10);
        if (op < 5) {
            int d = rnd.nextInt(ACCOUNTS);
            int c = (d + 1 + rnd.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            long amount = 1 + rnd.nextInt(1000);
            LedgerId id = LedgerId.random();
            TransferResult r = EmbeddedLedgerTest.get(ledger.createPending(id, ids[d], ids[c],
                    amount, 1, Duration.ofSeconds(60)));
            if (r == TransferResult.OK) {
                dp.addAndGet(d, amount);
                cp.addAndGet(c, amount);
                open.add(new long[] {id.hi(), id.lo(), d, c, amount});
                // an immediate replay must not move money again
                assertEquals(TransferResult.EXISTS, EmbeddedLedgerTest.get(ledger.createPending(
                        id, ids[d], ids[c], amount, 1, Duration.ofSeconds(60))));
            } else {
                assertEquals(TransferResult.EXCEEDS_LIMIT, r);
            }
        } else if (op < 9) {
            long[] o = open.poll(); // threads race on the same queue, each id taken once...
            if (o == null) {
                return;
            }
            LedgerId id = new LedgerId(o[0], o[1]);
            int d = (int) o[2];
            int c = (int) o[3];
            long amount = o[4];
            boolean post = op < 7;
            TransferResult r = EmbeddedLedgerTest.get(post ? ledger.post(id)
                    : ledger.voidPending(id));
            assertEquals(TransferResult.OK, r);
            dp.addAndGet(d, -amount);
            cp.addAndGet(c, -amount);
            if (post) {
                dP.addAndGet(d, amount);
                cP.addAndGet(c, amount);
            }
            // ...and a second finish, racing nobody, reports the first outcome
            TransferResult again = EmbeddedLedgerTest.get(ledger.post(id));
            assertEquals(post ? TransferResult.ALREADY_POSTED : TransferResult.ALREADY_VOIDED,
                    again);
        } else {
            int c = 1 + rnd.nextInt(ACCOUNTS - 1); // house funds a peer (settlement)
            long amount = 1 + rnd.nextInt(500);
            TransferResult r = EmbeddedLedgerTest.get(ledger.createPosted(LedgerId.random(),
                    ids[0], ids[c], amount, 2));
            assertEquals(TransferResult.OK, r);
            dP.addAndGet(0, amount);
            cP.addAndGet(c, amount);
        }
    }

    @Test
    void concurrentPostAndVoidOfOneTransferHaveExactlyOneWinner() throws Exception {
        EmbeddedLedger ledger = new EmbeddedLedger();
        LedgerId a = LedgerId.forName("a");
        LedgerId b = LedgerId.forName("b");
        ledger.createAccount(AccountSpec.unlimited(a, 1, 1));
        ledger.createAccount(AccountSpec.unlimited(b, 1, 1));
        for (int round = 0; round < 500; round++) {
            LedgerId id = LedgerId.random();
            ledger.createPending(id, a, b, 7, 1, Duration.ofSeconds(30));
            List<TransferResult> results = java.util.Collections.synchronizedList(
                    new ArrayList<>());
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(2);
            for (int t = 0; t < 2; t++) {
                boolean post = t == 0;
                new Thread(() -> {
                    try {
                        go.await();
                        results.add(EmbeddedLedgerTest.get(post ? ledger.post(id)
                                : ledger.voidPending(id)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                }).start();
            }
            go.countDown();
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(1, results.stream().filter(r -> r == TransferResult.OK).count(),
                    results.toString());
        }
        ledger.checkInvariants();
        assertEquals(0, ledger.pendingCount());
    }

    @Test
    void concurrentCreatesWithOneIdMoveMoneyOnce() throws Exception {
        EmbeddedLedger ledger = new EmbeddedLedger();
        LedgerId a = LedgerId.forName("a");
        LedgerId b = LedgerId.forName("b");
        LedgerId c = LedgerId.forName("c");
        for (LedgerId id : new LedgerId[] {a, b, c}) {
            ledger.createAccount(AccountSpec.unlimited(id, 1, 1));
        }
        for (int round = 0; round < 300; round++) {
            LedgerId id = LedgerId.random();
            List<TransferResult> results = java.util.Collections.synchronizedList(
                    new ArrayList<>());
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(3);
            for (int t = 0; t < 3; t++) {
                LedgerId credit = t == 2 ? c : b; // one racer with different content
                new Thread(() -> {
                    try {
                        go.await();
                        results.add(EmbeddedLedgerTest.get(ledger.createPending(id, a, credit,
                                5, 1, Duration.ofSeconds(30))));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                }).start();
            }
            go.countDown();
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(1, results.stream().filter(r -> r == TransferResult.OK).count(),
                    results.toString());
        }
        assertEquals(BigInteger.valueOf(300 * 5L),
                ledger.balanceNow(a).orElseThrow().debitsPending());
        ledger.checkInvariants();
    }
}
