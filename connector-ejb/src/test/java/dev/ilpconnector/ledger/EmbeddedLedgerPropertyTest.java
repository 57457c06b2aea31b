package dev.ilpconnector.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Seeded random operations against a small reference model written with BigInteger (fine in a
 * test): results and all four totals of every account must agree after every step.
 */
class EmbeddedLedgerPropertyTest {

    static final BigInteger U128_MAX = AccountBalance.U128_LIMIT.subtract(BigInteger.ONE);
    /** Totals of one balanced pair of accounts: four near-2^64 amounts short of 2^128. */
    static final BigInteger NEAR_U128_MAX =
            AccountBalance.U128_LIMIT.subtract(BigInteger.ONE.shiftLeft(66));
    static final int PENDING_MAX = 20;

    static final class ModelAccount {
        final LedgerId id;
        final int ledger;
        final long minBalance;
        BigInteger dp = BigInteger.ZERO;
        BigInteger dP = BigInteger.ZERO;
        BigInteger cp = BigInteger.ZERO;
        BigInteger cP = BigInteger.ZERO;

        ModelAccount(LedgerId id, int ledger, long minBalance) {
            this.id = id;
            this.ledger = ledger;
            this.minBalance = minBalance;
        }
    }

    static final class ModelTransfer {
        ModelAccount d;
        ModelAccount c;
        long amount;
        int seconds;
        long expiresAt;
        String state; // PENDING POSTED VOIDED EXPIRED
    }

    final Map<LedgerId, ModelTransfer> transfers = new HashMap<>();
    final List<LedgerId> transferIds = new ArrayList<>();
    final AtomicLong now = new AtomicLong(5_000_000);

    static BigInteger u(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    @Test
    void randomOperationsMatchTheModel() {
        long seed = System.nanoTime();
        System.out.println("EmbeddedLedgerPropertyTest seed=" + seed);
        Random rnd = new Random(seed);
        EmbeddedLedger ledger = new EmbeddedLedger(now::get, PENDING_MAX, 1 << 20);
        List<ModelAccount> accounts = new ArrayList<>();
        long[] limits = {AccountSpec.NO_LIMIT, 0, -1000, 500, Long.MIN_VALUE + 1, -1};
        for (int i = 0; i < 8; i++) {
            ModelAccount m = new ModelAccount(LedgerId.forName("p" + i), 1 + i % 2,
                    limits[i % limits.length]);
            accounts.add(m);
            ledger.createAccount(new AccountSpec(m.id, m.ledger, 1, m.minBalance));
        }
        // p0 (unlimited) owes p2 (limit -1000) almost 2^128 on ledger 1: creates that involve
        // them reach OVERFLOW at 2^128 - 1 and limits compare totals far beyond 2^64
        ModelAccount debtor = accounts.get(0);
        ModelAccount creditor = accounts.get(2);
        debtor.dP = NEAR_U128_MAX;
        creditor.cP = NEAR_U128_MAX;
        ledger.restoreAccount(new AccountSpec(debtor.id, debtor.ledger, 1, debtor.minBalance),
                NEAR_U128_MAX, BigInteger.ZERO);
        ledger.restoreAccount(new AccountSpec(creditor.id, creditor.ledger, 1,
                creditor.minBalance), BigInteger.ZERO, NEAR_U128_MAX);
        for (int step = 0; step < 20_000; step++) {
            String what = stepOnce(rnd, ledger, accounts);
            for (ModelAccount m : accounts) {
                AccountBalance b = ledger.balanceNow(m.id).orElseThrow();
                AccountBalance e = new AccountBalance(m.dp, m.dP, m.cp, m.cP);
                assertEquals(e, b, "seed=" + seed + " step=" + step + " " + what);
            }
        }
        ledger.checkInvariants();
    }

    private String stepOnce(Random rnd, EmbeddedLedger ledger, List<ModelAccount> accounts) {
        int op = rnd.nextInt(20);
        if (op < 8 || transferIds.isEmpty()) {
            boolean replay = rnd.nextInt(8) == 0 && !transferIds.isEmpty();
            LedgerId id = replay ? transferIds.get(rnd.nextInt(transferIds.size()))
                    : LedgerId.random();
            ModelAccount d = accounts.get(rnd.nextInt(accounts.size()));
            ModelAccount c = accounts.get(rnd.nextInt(accounts.size()));
            long amount = randomAmount(rnd);
            int seconds = rnd.nextInt(6) == 0 ? 0 : 1 + rnd.nextInt(5); // 0: single-phase
            TransferResult expected = modelCreate(id, d, c, amount, seconds);
            TransferResult actual = EmbeddedLedgerTest.get(seconds == 0
                    ? ledger.createPosted(id, d.id, c.id, amount, 1)
                    : ledger.createPending(id, d.id, c.id, amount, 1,
                            Duration.ofSeconds(seconds)));
            String what = "create " + id + " amount=" + Long.toUnsignedString(amount)
                    + " s=" + seconds;
            assertEquals(expected, actual, what);
            return what;
        } else if (op < 16) {
            LedgerId id = transferIds.get(rnd.nextInt(transferIds.size()));
            boolean post = op < 13;
            TransferResult expected = modelFinish(id, post);
            TransferResult actual = EmbeddedLedgerTest.get(post ? ledger.post(id)
                    : ledger.voidPending(id));
            assertEquals(expected, actual, (post ? "post " : "void ") + id);
            return "finish " + id;
        } else if (op < 19) {
            now.addAndGet(rnd.nextInt(2500));
            return "tick";
        } else {
            int n = ledger.sweepExpired();
            assertEquals(releaseExpired(), n);
            return "sweep";
        }
    }

    private static long randomAmount(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0:
                return -1L - rnd.nextInt(1000); // near 2^64
            case 1:
                return Long.MIN_VALUE + rnd.nextInt(1000) - 500; // around 2^63
            default:
                return rnd.nextInt(1500); // includes 0 (INVALID)
        }
    }

    private TransferResult modelCreate(LedgerId id, ModelAccount d, ModelAccount c, long amount,
            int seconds) {
        if (amount == 0 || d == c) {
            return TransferResult.INVALID;
        }
        ModelTransfer existing = transfers.get(id);
        if (existing != null) {
            boolean same = existing.d == d && existing.c == c && existing.amount == amount
                    && existing.seconds == seconds;
            return same ? TransferResult.EXISTS : TransferResult.EXISTS_DIFFERENT;
        }
        if (d.ledger != c.ledger) {
            return TransferResult.LEDGER_MISMATCH;
        }
        TransferResult r = tryModelCreate(id, d, c, amount, seconds);
        if (r == TransferResult.EXCEEDS_LIMIT || r == TransferResult.BUSY) {
            releaseExpired(); // the implementation sweeps lazily before giving up
            r = tryModelCreate(id, d, c, amount, seconds);
        }
        return r;
    }

    private TransferResult tryModelCreate(LedgerId id, ModelAccount d, ModelAccount c,
            long amount, int seconds) {
        BigInteger a = u(amount);
        if (d.dP.add(d.dp).add(a).compareTo(U128_MAX) > 0
                || c.cP.add(c.cp).add(a).compareTo(U128_MAX) > 0) {
            return TransferResult.OVERFLOW;
        }
        if (d.minBalance != AccountSpec.NO_LIMIT && d.cP.subtract(d.dP).subtract(d.dp)
                .subtract(a).compareTo(BigInteger.valueOf(d.minBalance)) < 0) {
            return TransferResult.EXCEEDS_LIMIT;
        }
        if (seconds > 0 && pendingCount() >= PENDING_MAX) {
            return TransferResult.BUSY;
        }
        ModelTransfer t = new ModelTransfer();
        t.d = d;
        t.c = c;
        t.amount = amount;
        t.seconds = seconds;
        if (seconds > 0) {
            t.expiresAt = now.get() + seconds * 1000L;
            t.state = "PENDING";
            d.dp = d.dp.add(a);
            c.cp = c.cp.add(a);
        } else {
            t.state = "POSTED";
            d.dP = d.dP.add(a);
            c.cP = c.cP.add(a);
        }
        transfers.put(id, t);
        transferIds.add(id);
        return TransferResult.OK;
    }

    private TransferResult modelFinish(LedgerId id, boolean post) {
        ModelTransfer t = transfers.get(id);
        if (t.seconds == 0) {
            return TransferResult.NOT_PENDING;
        }
        switch (t.state) {
            case "POSTED":
                return TransferResult.ALREADY_POSTED;
            case "VOIDED":
                return TransferResult.ALREADY_VOIDED;
            case "EXPIRED":
                return TransferResult.PENDING_EXPIRED;
            default:
                break;
        }
        if (now.get() >= t.expiresAt) {
            release(t, "EXPIRED");
            return TransferResult.PENDING_EXPIRED;
        }
        release(t, post ? "POSTED" : "VOIDED");
        return TransferResult.OK;
    }

    private void release(ModelTransfer t, String state) {
        BigInteger a = u(t.amount);
        t.d.dp = t.d.dp.subtract(a);
        t.c.cp = t.c.cp.subtract(a);
        if (state.equals("POSTED")) {
            t.d.dP = t.d.dP.add(a);
            t.c.cP = t.c.cP.add(a);
        }
        t.state = state;
    }

    private int releaseExpired() {
        int n = 0;
        for (ModelTransfer t : transfers.values()) {
            if (t.state.equals("PENDING") && now.get() >= t.expiresAt) {
                release(t, "EXPIRED");
                n++;
            }
        }
        return n;
    }

    private long pendingCount() {
        return transfers.values().stream().filter(t -> t.state.equals("PENDING")).count();
    }
}
