package dev.ilpconnector.ledger;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * In-process {@link Ledger}: thread-safe, TigerBeetle semantics, in memory or durable through a
 * {@link Journal} ({@link #open}).
 *
 * <p>Concurrency: no lock around the whole ledger. Each account has its own lock; an
 * operation takes the locks of its two accounts in {@link LedgerId} order (no deadlock), so
 * transfers between disjoint account pairs run in parallel. Transfers live in a
 * {@link ConcurrentHashMap}; a transfer's state changes only under both of its accounts' locks.
 *
 * <p>Every balance change goes through {@link #apply}, which appends its journal record (under
 * the accounts' locks, before balances move). Posted transfers, posts, account creation and
 * limit changes answer only once the journal is on disk up to them, and so do pending creates
 * other than packet legs (a settlement intent must be on disk before its engine is asked).
 * Packet legs' creates, voids and expiries answer at once: a post's record follows its pending
 * create's in the file, at start-up every packet leg is voided anyway, and a lost void or
 * expiry of anything else is done again (by its caller, or by the sweep). Totals are checked on
 * every change (not only with {@code -ea}); {@link #checkInvariants()} verifies the whole
 * ledger.
 *
 * <p>Expired pending transfers are released lazily (post/void of an expired transfer, a
 * create that hits a limit or the pending bound) and by {@link #sweepExpired()}, which the
 * node calls periodically (this class starts no threads: in Jakarta EE the container owns them).
 *
 * <p>Idempotency window: finished packet legs are remembered up to
 * {@link LedgerLimits#FINISHED_TRANSFERS_RETAINED}; pending transfers and every other finished
 * one (settlements, whose ids callers replay by key) always.
 */
public final class EmbeddedLedger implements Ledger {

    private static final Logger LOG = Logger.getLogger(EmbeddedLedger.class.getName());

    private static final int PENDING = 0;
    private static final int POSTED = 1;
    private static final int VOIDED = 2;
    private static final int EXPIRED = 3;

    /** Kinds of balance change; each has its journal record type. */
    private enum Op { CREATE_PENDING, CREATE_POSTED, POST, VOID, EXPIRE }

    private static final Map<TransferResult, CompletionStage<TransferResult>> TRANSFER_STAGES =
            stages(TransferResult.class);
    private static final Map<AccountResult, CompletionStage<AccountResult>> ACCOUNT_STAGES =
            stages(AccountResult.class);

    private final LongSupplier clockMillis;
    private final int pendingMax;
    private final ConcurrentHashMap<LedgerId, Account> accounts = new ConcurrentHashMap<>();
    /** Pending transfers and finished ones other than packet legs (those are in legs). */
    private final ConcurrentHashMap<LedgerId, Transfer> transfers = new ConcurrentHashMap<>();
    /** Index of the transfers in state PENDING (for the sweep and the invariant check). */
    private final ConcurrentHashMap<LedgerId, Transfer> pending = new ConcurrentHashMap<>();
    /** Equals pending.size() whenever no operation is in progress; changed under locks. */
    private final AtomicInteger pendingCount = new AtomicInteger();
    /** Lower bound of the earliest expiry among pending transfers; MAX_VALUE when none. */
    private final AtomicLong earliestExpiryMillis = new AtomicLong(Long.MAX_VALUE);
    /** The newest finished packet legs, for idempotency. */
    private final FinishedLegs legs;
    /** Finished transfers other than packet legs, oldest first: kept for good (see retain). */
    private final Queue<LedgerId> kept = new ConcurrentLinkedQueue<>();
    /** Held while an account is added, and by a snapshot (which must see every account). */
    private final ReentrantLock accountCreation = new ReentrantLock();
    /**
     * Null: in memory only. Set once by {@link #open} before the ledger is handed out, after
     * the replay (which must not append).
     */
    private Journal journal;
    /** What the start-up replay found, for {@link #status()}. */
    private String replayReport = "";

    /** Ledger on the system UTC clock with the default bounds. */
    public EmbeddedLedger() {
        this(Clock.systemUTC()::millis);
    }

    /** Ledger on the given clock (milliseconds since the epoch) with the default bounds. */
    public EmbeddedLedger(LongSupplier clockMillis) {
        this(clockMillis, LedgerLimits.PENDING_TRANSFERS_MAX,
                LedgerLimits.FINISHED_TRANSFERS_RETAINED);
    }

    /** For tests of the bounds: smaller pending and retention limits. */
    public EmbeddedLedger(LongSupplier clockMillis, int pendingMax, int finishedRetained) {
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        if (pendingMax < 1 || pendingMax > LedgerLimits.PENDING_TRANSFERS_MAX) {
            throw new IllegalArgumentException("pendingMax out of range: " + pendingMax);
        }
        if (finishedRetained < 1 || finishedRetained > (1 << 24)) {
            throw new IllegalArgumentException(
                    "finishedRetained out of range: " + finishedRetained);
        }
        this.pendingMax = pendingMax;
        this.legs = new FinishedLegs(finishedRetained);
    }

    // ---------------------------------------------------------------- accounts

    @Override
    public CompletionStage<AccountResult> createAccount(AccountSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Account fresh = new Account(spec);
        Account existing;
        // Locked before it is visible: no transfer's record can precede the account's.
        accountCreation.lock();
        fresh.lock.lock();
        try {
            existing = accounts.putIfAbsent(spec.id(), fresh);
            if (existing == null && journal != null) {
                try {
                    journal.appendAccount(spec);
                } catch (IllegalStateException e) {
                    accounts.remove(spec.id(), fresh);
                    return CompletableFuture.failedStage(e);
                }
            }
        } finally {
            fresh.lock.unlock();
            accountCreation.unlock();
        }
        if (existing == null) {
            return durable(AccountResult.OK);
        }
        existing.lock.lock();
        try {
            if (!existing.spec.sameIdentity(spec)) {
                return durable(AccountResult.EXISTS_DIFFERENT);
            }
            return durable(existing.spec.minBalance() == spec.minBalance()
                    ? AccountResult.EXISTS : AccountResult.EXISTS_DIFFERENT_LIMIT);
        } finally {
            existing.lock.unlock();
        }
    }

    @Override
    public CompletionStage<AccountResult> setMinBalance(LedgerId account, long minBalance) {
        Objects.requireNonNull(account, "account");
        Account a = accounts.get(account);
        if (a == null) {
            return ACCOUNT_STAGES.get(AccountResult.NOT_FOUND);
        }
        a.lock.lock();
        try {
            if (journal != null) {
                journal.appendLimit(account, minBalance);
            }
            AccountSpec s = a.spec;
            a.spec = new AccountSpec(s.id(), s.ledger(), s.code(), minBalance);
        } catch (IllegalStateException e) {
            return CompletableFuture.failedStage(e);
        } finally {
            a.lock.unlock();
        }
        return durable(AccountResult.OK);
    }

    /**
     * Puts an account with the given posted totals and nothing pending, replacing any account
     * of that id: how a journal snapshot is loaded. Not for the packet path.
     */
    void restoreAccount(AccountSpec spec, BigInteger debitsPosted, BigInteger creditsPosted) {
        Account a = new Account(spec);
        a.debitsPosted.set(debitsPosted);
        a.creditsPosted.set(creditsPosted);
        accounts.put(spec.id(), a);
    }

    @Override
    public CompletionStage<Optional<AccountBalance>> balance(LedgerId account) {
        return CompletableFuture.completedStage(balanceNow(account));
    }

    /** Synchronous form of {@link #balance} (the embedded ledger never waits). */
    public Optional<AccountBalance> balanceNow(LedgerId account) {
        Objects.requireNonNull(account, "account");
        Account a = accounts.get(account);
        if (a == null) {
            return Optional.empty();
        }
        a.lock.lock();
        try {
            return Optional.of(a.snapshot());
        } finally {
            a.lock.unlock();
        }
    }

    // ---------------------------------------------------------------- transfers

    @Override
    public CompletionStage<TransferResult> createPending(LedgerId transferId,
            LedgerId debitAccount, LedgerId creditAccount, long amount, int code,
            Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        int seconds = timeoutSeconds(timeout);
        try {
            TransferResult r = create(transferId, debitAccount, creditAccount, amount, code,
                    seconds);
            // A packet leg need not wait for the disk (docs/accounting.md, "What does not"); an
            // intent that outlives a restart must be on disk before its caller acts on it.
            return code == CODE_ILP_PACKET ? TRANSFER_STAGES.get(r) : durable(r);
        } catch (IllegalStateException e) { // broken invariant: an operating failure
            return CompletableFuture.failedStage(e);
        }
    }

    @Override
    public CompletionStage<TransferResult> createPosted(LedgerId transferId,
            LedgerId debitAccount, LedgerId creditAccount, long amount, int code) {
        try {
            return durable(create(transferId, debitAccount, creditAccount, amount, code, 0));
        } catch (IllegalStateException e) {
            return CompletableFuture.failedStage(e);
        }
    }

    @Override
    public CompletionStage<TransferResult> post(LedgerId pendingTransferId) {
        Objects.requireNonNull(pendingTransferId, "pendingTransferId");
        try {
            return durable(finish(pendingTransferId, Op.POST));
        } catch (IllegalStateException e) {
            return CompletableFuture.failedStage(e);
        }
    }

    /**
     * Both posts in memory at once, the first before the second (the second is voided when the
     * first cannot be posted), then one wait for the disk: one group commit covers the pair.
     */
    @Override
    public CompletionStage<LegResults> postBoth(LedgerId first, LedgerId second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        try {
            TransferResult in = finish(first, Op.POST);
            TransferResult out = finish(second, in.isSuccess() ? Op.POST : Op.VOID);
            LegResults both = new LegResults(in, out);
            CompletionStage<LegResults> done = CompletableFuture.completedStage(both);
            Journal j = journal;
            return j == null ? done : j.whenDurable(j.appendedPosition(), both, done);
        } catch (IllegalStateException e) {
            return CompletableFuture.failedStage(e);
        }
    }

    @Override
    public CompletionStage<TransferResult> voidPending(LedgerId pendingTransferId) {
        Objects.requireNonNull(pendingTransferId, "pendingTransferId");
        Transfer t = transfers.get(pendingTransferId);
        try {
            TransferResult r = finish(pendingTransferId, Op.VOID);
            // As for its creation: a packet leg's void need not wait for the disk (a restart
            // voids it anyway); a settlement intent's must, or a restart brings it back.
            return t == null || t.code == CODE_ILP_PACKET ? TRANSFER_STAGES.get(r) : durable(r);
        } catch (IllegalStateException e) {
            return CompletableFuture.failedStage(e);
        }
    }

    /** Number of pending transfers now held (expired but not yet released ones included). */
    public int pendingCount() {
        return pendingCount.get();
    }

    /**
     * Releases every pending transfer whose timeout has passed and, when the journal has grown
     * past {@link LedgerLimits#JOURNAL_COMPACT_AFTER_BYTES}, replaces it by a snapshot. Call
     * periodically (e.g. every second from a managed scheduled executor), not from a packet
     * thread; cost is linear in the pending transfers.
     *
     * @return how many were released
     */
    public int sweepExpired() {
        int released = releaseExpired();
        compactIfDue();
        return released;
    }

    private int releaseExpired() {
        long now = clockMillis.getAsLong();
        // Reset the hint first: creates that race with the scan lower it again afterwards.
        earliestExpiryMillis.set(Long.MAX_VALUE);
        long next = Long.MAX_VALUE;
        int released = 0;
        for (Transfer t : pending.values()) {
            if (now >= t.expiresAtMillis) {
                if (expire(t, now)) {
                    released++;
                }
            } else {
                next = Math.min(next, t.expiresAtMillis);
            }
        }
        earliestExpiryMillis.accumulateAndGet(next, Math::min);
        if (released > 0 && LOG.isLoggable(Level.FINE)) {
            LOG.fine("event=ledger_sweep released=" + released + " pending="
                    + pendingCount.get());
        }
        return released;
    }

    @Override
    public LedgerStatus status() {
        if (journal == null) {
            return new LedgerStatus("embedded", false, true,
                    "in memory (LEDGER_DIR=none): balances are lost on restart");
        }
        Throwable failure = journal.failure();
        return new LedgerStatus("embedded", failure == null, failure == null,
                "journal " + journal.file() + " (" + journal.bytesSinceSnapshot()
                        + " bytes since the last snapshot, " + journal.compactions()
                        + " compactions while running)"
                        + (failure == null ? "" : " FAILED: " + failure)
                        + "; at start: " + replayReport,
                Map.of("journalRecords", journal.records(), "journalFsyncs", journal.groups()));
    }

    /** Writes what the journal holds and closes it; the in-memory ledger has nothing to do. */
    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }

    // ---------------------------------------------------------------- durability

    /**
     * A durable ledger: replays {@code dir}'s journal (see {@code docs/accounting.md}), voids
     * the packet holds it left ({@link Ledger#CODE_ILP_PACKET}: their packets died with the
     * previous process), keeps every other pending transfer (settlement intents) with its
     * original expiry, writes a fresh journal starting with a snapshot and starts its writer
     * thread from {@code threads}.
     *
     * @throws JournalCorruptException when the journal cannot be replayed (one line)
     * @throws IOException             when the directory or file cannot be used
     */
    public static EmbeddedLedger open(Path dir, ThreadFactory threads) throws IOException {
        return open(dir, threads, Clock.systemUTC()::millis, Journal.FSYNC,
                LedgerLimits.PENDING_TRANSFERS_MAX, LedgerLimits.FINISHED_TRANSFERS_RETAINED,
                LedgerLimits.JOURNAL_COMPACT_AFTER_BYTES);
    }

    /** {@link #open(Path, ThreadFactory)} for tests: clock, fsync hook and bounds. */
    static EmbeddedLedger open(Path dir, ThreadFactory threads, LongSupplier clockMillis,
            Journal.Sync sync, int pendingMax, int finishedRetained, long compactAfterBytes)
            throws IOException {
        FileChannel dirLock = Journal.lockDirectory(dir);
        try {
            long started = System.nanoTime();
            EmbeddedLedger ledger = new EmbeddedLedger(clockMillis, pendingMax, finishedRetained);
            JournalReader.Result replayed;
            try {
                replayed = Journal.replay(dir, ledger.new Replay());
            } catch (JournalCorruptException e) {
                throw new JournalCorruptException("ledger journal " + dir.resolve(
                        Journal.FILE_NAME) + ": " + e.getMessage() + "; not starting (restore"
                        + " the file from a backup or move it away to start empty)");
            }
            int voided = ledger.voidPacketHolds();
            ledger.checkInvariants();
            ledger.journal = Journal.start(dir, dirLock, ledger.snapshot()::writeTo, threads,
                    sync, compactAfterBytes);
            ledger.replayReport = (replayed == null ? "new journal"
                    : "replayed " + replayed.records() + " records, dropped a torn tail of "
                            + replayed.tornBytes() + " bytes")
                    + ", kept " + ledger.pending.size() + " pending transfers other than"
                    + " packet legs, voided " + voided + " pending transfers, "
                    + ledger.accounts.size() + " accounts";
            LOG.info("event=ledger_open dir=" + dir + " " + ledger.replayReport + " ms="
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return ledger;
        } catch (IOException | RuntimeException e) {
            dirLock.close();
            throw e;
        }
    }

    /** What the last open found (the line {@link #status()} carries); for tests. */
    String replayReport() {
        return replayReport;
    }

    /** Snapshots the journal took while running; for tests. */
    long compactions() {
        return journal == null ? 0 : journal.compactions();
    }

    /**
     * Start-up: releases every pending packet leg (its packet died with the previous process,
     * nobody can post it any more). Other pending transfers (settlement intents, which a
     * restarted node finishes by asking its engine again) stay until posted, voided or expired.
     */
    private int voidPacketHolds() {
        int n = 0;
        for (Transfer t : pending.values()) {
            if (t.code == CODE_ILP_PACKET) {
                apply(Op.VOID, t);
                n++;
            }
        }
        return n;
    }

    /** Replaces the journal by a snapshot when it has grown enough; see {@link Journal}. */
    private void compactIfDue() {
        Journal j = journal;
        if (j == null || !j.wantsSnapshot()) {
            return;
        }
        accountCreation.lock();
        try {
            // nothing can change or append meanwhile: the cut is consistent
            withAllAccountsLocked(all -> j.snapshotAtCut(snapshot()::writeTo));
        } finally {
            accountCreation.unlock();
        }
    }

    /**
     * The state now, copied so the journal's writer can write it later: accounts with their
     * posted totals and limits, the remembered finished transfers oldest first, then the
     * pending ones (replayed as creates, so their posts and voids after the cut apply).
     * Caller holds off changes (all locks, or start-up).
     */
    private Snapshot snapshot() {
        List<Account> copies = new ArrayList<>(accounts.size());
        for (Account a : accounts.values()) {
            Account c = new Account(a.spec);
            c.debitsPosted.hi = a.debitsPosted.hi;
            c.debitsPosted.lo = a.debitsPosted.lo;
            c.creditsPosted.hi = a.creditsPosted.hi;
            c.creditsPosted.lo = a.creditsPosted.lo;
            copies.add(c);
        }
        List<FinishedLegs.Leg> done = new ArrayList<>();
        for (LedgerId id : kept) {
            Transfer t = transfers.get(id);
            done.add(new FinishedLegs.Leg(id, t.debit.spec.id(), t.credit.spec.id(), t.amount,
                    t.code, t.timeoutSeconds, t.state));
        }
        legs.forEachOldestFirst(done::add);
        return new Snapshot(copies, done, new ArrayList<>(pending.values()));
    }

    /** A consistent copy of the ledger (transfers' fields but state are final). */
    private record Snapshot(List<Account> accounts, List<FinishedLegs.Leg> finished,
            List<Transfer> pending) {

        void writeTo(Journal.SnapshotWriter out) {
            for (Account a : accounts) {
                out.account(a.spec, a.debitsPosted, a.creditsPosted);
            }
            for (FinishedLegs.Leg t : finished) {
                out.transfer(t.id(), t.debit(), t.credit(), t.amount(), t.code(), t.seconds(),
                        t.state());
            }
            for (Transfer t : pending) {
                out.pending(t.id, t.debit.spec.id(), t.credit.spec.id(), t.amount, t.code,
                        t.timeoutSeconds, t.expiresAtMillis);
            }
        }
    }

    /**
     * Applies journal records. Limits are not re-checked (they held when the record was
     * written; a later limit change must not undo history); anything else that does not fit
     * (unknown account, finishing a transfer that is not pending) is corruption.
     */
    private final class Replay implements JournalReader.Target {

        @Override
        public void account(AccountSpec spec) {
            if (accounts.putIfAbsent(spec.id(), new Account(spec)) != null) {
                throw new IllegalStateException("account " + spec.id() + " created twice");
            }
        }

        @Override
        public void limit(LedgerId id, long minBalance) {
            Account a = account(id);
            AccountSpec s = a.spec;
            a.spec = new AccountSpec(s.id(), s.ledger(), s.code(), minBalance);
        }

        @Override
        public void create(LedgerId id, LedgerId debitId, LedgerId creditId, long amount,
                int code, int seconds, long expiresAtMillis) {
            Transfer old = transfers.get(id);
            if (old != null && old.state == PENDING) {
                throw new IllegalStateException("transfer " + id + " created twice");
            }
            // an older transfer of that id was forgotten (retention) before this one was made;
            // the expiry is the original one: a restart does not extend a reservation
            Transfer t = new Transfer(id, account(debitId), account(creditId), amount, code,
                    seconds, expiresAtMillis);
            transfers.put(id, t);
            if (seconds > 0) {
                pendingCount.incrementAndGet();
            }
            apply(seconds > 0 ? Op.CREATE_PENDING : Op.CREATE_POSTED, t);
        }

        @Override
        public void finish(byte type, LedgerId id) {
            Transfer t = transfers.get(id);
            if (t == null || t.state != PENDING) {
                throw new IllegalStateException("transfer " + id + " is not pending");
            }
            apply(type == JournalFormat.POST ? Op.POST
                    : type == JournalFormat.VOID ? Op.VOID : Op.EXPIRE, t);
        }

        @Override
        public void snapshotAccount(AccountSpec spec, U128 debitsPosted, U128 creditsPosted) {
            Account a = new Account(spec);
            a.debitsPosted.hi = debitsPosted.hi;
            a.debitsPosted.lo = debitsPosted.lo;
            a.creditsPosted.hi = creditsPosted.hi;
            a.creditsPosted.lo = creditsPosted.lo;
            if (accounts.putIfAbsent(spec.id(), a) != null) {
                throw new IllegalStateException("account " + spec.id() + " twice in snapshot");
            }
        }

        @Override
        public void snapshotTransfer(LedgerId id, LedgerId debitId, LedgerId creditId,
                long amount, int code, int seconds, int state) {
            if (state != POSTED && state != VOIDED && state != EXPIRED) {
                throw new IllegalStateException("transfer " + id + " in snapshot with state "
                        + state);
            }
            Transfer t = new Transfer(id, account(debitId), account(creditId), amount, code,
                    seconds, Long.MAX_VALUE);
            t.state = state;
            transfers.put(id, t);
            retain(t);
        }

        private Account account(LedgerId id) {
            Account a = accounts.get(id);
            if (a == null) {
                throw new IllegalStateException("unknown account " + id);
            }
            return a;
        }
    }

    // ---------------------------------------------------------------- core

    /** Create a pending ({@code seconds > 0}) or posted ({@code seconds == 0}) transfer. */
    private TransferResult create(LedgerId id, LedgerId debitId, LedgerId creditId, long amount,
            int code, int seconds) {
        Objects.requireNonNull(id, "transferId");
        Objects.requireNonNull(debitId, "debitAccount");
        Objects.requireNonNull(creditId, "creditAccount");
        if (amount == 0 || seconds < 0 || code <= 0 || code > AccountSpec.CODE_MAX
                || debitId.equals(creditId)) {
            return TransferResult.INVALID;
        }
        if (journal != null) {
            if (journal.failure() != null) {
                throw new IllegalStateException("ledger journal failed: " + journal.failure());
            }
            if (journal.backlogged()) {
                return TransferResult.BUSY; // the disk is behind; new money waits
            }
        }
        TransferResult r = tryCreate(id, debitId, creditId, amount, code, seconds);
        if ((r == TransferResult.EXCEEDS_LIMIT || r == TransferResult.BUSY)
                && earliestExpiryMillis.get() <= clockMillis.getAsLong()) {
            // Expired reservations may be what is in the way: release them, try once more.
            releaseExpired();
            r = tryCreate(id, debitId, creditId, amount, code, seconds);
        }
        return r;
    }

    private TransferResult tryCreate(LedgerId id, LedgerId debitId, LedgerId creditId,
            long amount, int code, int seconds) {
        TransferResult existing = existing(id, debitId, creditId, amount, code, seconds);
        if (existing != null) {
            return existing;
        }
        Account debit = accounts.get(debitId);
        Account credit = accounts.get(creditId);
        if (debit == null || credit == null) {
            return TransferResult.ACCOUNT_NOT_FOUND;
        }
        if (debit.spec.ledger() != credit.spec.ledger()) {
            return TransferResult.LEDGER_MISMATCH;
        }
        boolean isPending = seconds > 0;
        lockBoth(debit, credit);
        try {
            existing = existing(id, debitId, creditId, amount, code, seconds);
            if (existing != null) {
                return existing;
            }
            TransferResult check = checkCreate(debit, credit, amount);
            if (check != TransferResult.OK) {
                return check;
            }
            if (isPending && !reservePendingSlot()) {
                return TransferResult.BUSY;
            }
            long now = clockMillis.getAsLong();
            long expiresAt = isPending ? now + seconds * 1000L : Long.MAX_VALUE;
            Transfer t = new Transfer(id, debit, credit, amount, code, seconds, expiresAt);
            Transfer raced = transfers.putIfAbsent(id, t);
            if (raced != null) { // same id created concurrently on another account pair
                if (isPending) {
                    pendingCount.decrementAndGet();
                }
                return raced.compare(debitId, creditId, amount, code, seconds);
            }
            try {
                apply(isPending ? Op.CREATE_PENDING : Op.CREATE_POSTED, t);
            } catch (IllegalStateException e) { // journal refused: nothing was applied
                transfers.remove(id, t);
                if (isPending) {
                    pendingCount.decrementAndGet();
                }
                throw e;
            }
            requireWithinLimit(debit, id);
            return TransferResult.OK;
        } finally {
            unlockBoth(debit, credit);
        }
    }

    /**
     * What a create of {@code id} meets when a transfer of that id exists (pending, or
     * finished and remembered), else null. The map first: a finishing leg is remembered in
     * {@link #legs} before it leaves the map, so a miss there means legs has it.
     */
    private TransferResult existing(LedgerId id, LedgerId debitId, LedgerId creditId,
            long amount, int code, int seconds) {
        Transfer t = transfers.get(id);
        if (t != null) {
            return t.compare(debitId, creditId, amount, code, seconds);
        }
        FinishedLegs.Leg leg = legs.find(id);
        return leg == null ? null : leg.compare(debitId, creditId, amount, code, seconds);
    }

    /** Overflow and limit checks, in TigerBeetle's precedence; caller holds both locks. */
    private static TransferResult checkCreate(Account debit, Account credit, long amount) {
        // Checking posted + pending + amount also guarantees a later post cannot overflow.
        if (U128.sumOverflows(debit.debitsPosted, debit.debitsPending, amount)
                || U128.sumOverflows(credit.creditsPosted, credit.creditsPending, amount)) {
            return TransferResult.OVERFLOW;
        }
        long debitsHi = U128.sumHi(debit.debitsPosted, debit.debitsPending, amount);
        long debitsLo = U128.sumLo(debit.debitsPosted, debit.debitsPending, amount);
        if (!withinLimit(debit.spec.minBalance(), debit.creditsPosted.hi, debit.creditsPosted.lo,
                debitsHi, debitsLo)) {
            return TransferResult.EXCEEDS_LIMIT;
        }
        return TransferResult.OK;
    }

    /**
     * {@code creditsPosted - debits >= minBalance} in exact integer arithmetic, with credits and
     * debits unsigned 128-bit (as hi/lo pairs) and minBalance signed 64-bit (no BigInteger on
     * the hot path).
     */
    static boolean withinLimit(long minBalance, long creditsHi, long creditsLo, long debitsHi,
            long debitsLo) {
        if (minBalance == AccountSpec.NO_LIMIT) {
            return true;
        }
        if (minBalance <= 0) {
            // debits <= creditsPosted + |minBalance|; a sum beyond 2^128-1 exceeds any debits
            long allowance = -minBalance; // fits: minBalance > Long.MIN_VALUE here
            long ceilingLo = creditsLo + allowance;
            long ceilingHi = creditsHi;
            if (Long.compareUnsigned(ceilingLo, creditsLo) < 0) {
                if (creditsHi == -1L) {
                    return true;
                }
                ceilingHi++;
            }
            return U128.compare(debitsHi, debitsLo, ceilingHi, ceilingLo) <= 0;
        }
        // minBalance > 0: debits <= creditsPosted - minBalance, impossible if that is negative
        if (U128.compare(creditsHi, creditsLo, 0, minBalance) < 0) {
            return false;
        }
        long ceilingHi = Long.compareUnsigned(creditsLo, minBalance) < 0 ? creditsHi - 1
                : creditsHi;
        return U128.compare(debitsHi, debitsLo, ceilingHi, creditsLo - minBalance) <= 0;
    }

    private static void requireWithinLimit(Account debit, LedgerId transferId) {
        long debitsHi = U128.sumHi(debit.debitsPosted, debit.debitsPending, 0);
        long debitsLo = U128.sumLo(debit.debitsPosted, debit.debitsPending, 0);
        if (!withinLimit(debit.spec.minBalance(), debit.creditsPosted.hi, debit.creditsPosted.lo,
                debitsHi, debitsLo)) {
            throw broken("limit exceeded after write: account=" + debit.spec.id()
                    + " transfer=" + transferId);
        }
    }

    private TransferResult finish(LedgerId id, Op op) {
        Transfer t = transfers.get(id);
        if (t == null) {
            FinishedLegs.Leg leg = legs.find(id);
            return leg == null ? TransferResult.PENDING_NOT_FOUND
                    : leg.seconds() == 0 ? TransferResult.NOT_PENDING : finishedAs(leg.state());
        }
        if (t.timeoutSeconds == 0) {
            return TransferResult.NOT_PENDING;
        }
        lockBoth(t.debit, t.credit);
        try {
            if (t.state != PENDING) {
                return finishedAs(t.state);
            }
            if (clockMillis.getAsLong() >= t.expiresAtMillis) {
                apply(Op.EXPIRE, t); // release now rather than wait for the sweep
                return TransferResult.PENDING_EXPIRED;
            }
            apply(op, t);
            return TransferResult.OK;
        } finally {
            unlockBoth(t.debit, t.credit);
        }
    }

    /** What posting or voiding a transfer already in {@code state} (not pending) answers. */
    private static TransferResult finishedAs(int state) {
        return switch (state) {
            case POSTED -> TransferResult.ALREADY_POSTED;
            case VOIDED -> TransferResult.ALREADY_VOIDED;
            default -> TransferResult.PENDING_EXPIRED;
        };
    }

    /** Releases {@code t} if it is still pending and expired; true when it did. */
    private boolean expire(Transfer t, long now) {
        lockBoth(t.debit, t.credit);
        try {
            if (t.state != PENDING || now < t.expiresAtMillis) {
                return false;
            }
            apply(Op.EXPIRE, t);
            return true;
        } catch (IllegalStateException journalFailed) {
            // logged once by the journal; the transfer stays held until the node restarts
            return false;
        } finally {
            unlockBoth(t.debit, t.credit);
        }
    }

    /**
     * The only place balances and transfer states change. Caller holds both accounts' locks
     * and has run the checks, so an arithmetic failure here is a bug: it throws (SEVERE)
     * before anything is half-applied only where noted; the checks make it unreachable.
     */
    private void apply(Op op, Transfer t) {
        if (journal != null) {
            journal(op, t); // first: when the journal refuses, nothing changes
        }
        Account d = t.debit;
        Account c = t.credit;
        long a = t.amount;
        try {
            switch (op) {
                case CREATE_PENDING:
                    d.debitsPending.add(a);
                    c.creditsPending.add(a);
                    t.state = PENDING;
                    pending.put(t.id, t);
                    earliestExpiryMillis.accumulateAndGet(t.expiresAtMillis, Math::min);
                    break;
                case CREATE_POSTED:
                    d.debitsPosted.add(a);
                    c.creditsPosted.add(a);
                    t.state = POSTED;
                    retain(t);
                    break;
                case POST:
                    requirePending(t);
                    d.debitsPending.subtract(a);
                    c.creditsPending.subtract(a);
                    d.debitsPosted.add(a);
                    c.creditsPosted.add(a);
                    release(t, POSTED);
                    break;
                case VOID:
                case EXPIRE:
                    requirePending(t);
                    d.debitsPending.subtract(a);
                    c.creditsPending.subtract(a);
                    release(t, op == Op.VOID ? VOIDED : EXPIRED);
                    break;
                default:
                    throw new IllegalStateException("unknown op " + op);
            }
        } catch (ArithmeticException e) {
            throw broken("arithmetic in apply op=" + op + " transfer=" + t.id + ": "
                    + e.getMessage());
        }
    }

    private void journal(Op op, Transfer t) {
        switch (op) {
            case CREATE_PENDING, CREATE_POSTED -> journal.appendCreate(t.id, t.debit.spec.id(),
                    t.credit.spec.id(), t.amount, t.code, t.timeoutSeconds, t.expiresAtMillis);
            case POST -> journal.appendFinish(JournalFormat.POST, t.id);
            case VOID -> journal.appendFinish(JournalFormat.VOID, t.id);
            case EXPIRE -> journal.appendFinish(JournalFormat.EXPIRE, t.id);
            default -> throw new IllegalStateException("unknown op " + op);
        }
    }

    private void release(Transfer t, int newState) {
        t.state = newState;
        pending.remove(t.id);
        pendingCount.decrementAndGet();
        retain(t);
    }

    /**
     * Remembers a finished transfer: a packet leg among the newest in {@link #legs} (then it
     * leaves the map), anything else for good. Settlements are one per settlement, not per
     * packet, and their ids come from idempotency keys that an operator or a restart replays
     * at any time: a forgotten one would move the money again.
     */
    private void retain(Transfer t) {
        if (t.code == CODE_ILP_PACKET) {
            legs.add(t.id, t.debit.spec.id(), t.credit.spec.id(), t.amount, t.code,
                    t.timeoutSeconds, t.state);
            transfers.remove(t.id, t);
        } else {
            kept.add(t.id);
        }
    }

    private static void requirePending(Transfer t) {
        if (t.state != PENDING) {
            throw broken("transfer not pending in apply: " + t.id + " state=" + t.state);
        }
    }

    private boolean reservePendingSlot() {
        int n;
        do {
            n = pendingCount.get();
            if (n >= pendingMax) {
                return false;
            }
        } while (!pendingCount.compareAndSet(n, n + 1));
        return true;
    }

    // ---------------------------------------------------------------- invariants

    /**
     * Verifies the whole ledger under all account locks (a brief stop of all transfers; for
     * tests and an admin/health probe, not for the packet path):
     * <ul>
     *   <li>per ledger: sum of debits posted == sum of credits posted, and the same for
     *       pending (128-bit sums, so no overflow hides a difference);</li>
     *   <li>per account: debits/credits pending == sum of its pending transfers' amounts;</li>
     *   <li>the pending counter equals the number of pending transfers.</li>
     * </ul>
     *
     * @throws IllegalStateException (logged SEVERE) describing the first violation
     */
    public void checkInvariants() {
        withAllAccountsLocked(this::checkLocked);
    }

    /** Runs {@code body} with every account's lock held, taken in id order. */
    private void withAllAccountsLocked(Consumer<List<Account>> body) {
        List<Account> all = new ArrayList<>(accounts.values());
        all.sort((x, y) -> x.spec.id().compareTo(y.spec.id()));
        int locked = 0;
        try {
            for (Account a : all) {
                a.lock.lock();
                locked++;
            }
            body.accept(all);
        } finally {
            for (int i = locked - 1; i >= 0; i--) {
                all.get(i).lock.unlock();
            }
        }
    }

    private void checkLocked(List<Account> all) {
        Map<Account, U128[]> pendingSums = new HashMap<>(); // [debitsPending, creditsPending]
        for (Account a : all) {
            pendingSums.put(a, new U128[] {new U128(), new U128()});
        }
        boolean complete = true; // false when accounts appeared after the snapshot
        for (Transfer t : pending.values()) {
            U128[] ds = pendingSums.get(t.debit);
            U128[] cs = pendingSums.get(t.credit);
            if (ds == null || cs == null) {
                complete = false; // both accounts are new and unlocked: not part of this check
                continue;
            }
            if (t.state != PENDING) {
                throw broken("non-pending transfer in pending index: " + t.id);
            }
            ds[0].add(t.amount);
            cs[1].add(t.amount);
        }
        // per ledger: debits posted, credits posted, debits pending, credits pending; the sums
        // may pass 2^128, so BigInteger (this is not the packet path)
        Map<Integer, BigInteger[]> perLedger = new HashMap<>();
        for (Account a : all) {
            U128[] ps = pendingSums.get(a);
            if (!same(ps[0], a.debitsPending) || !same(ps[1], a.creditsPending)) {
                throw broken("pending totals differ from pending transfers: account="
                        + a.spec.id() + " " + a.snapshot());
            }
            AccountBalance b = a.snapshot();
            BigInteger[] s = perLedger.computeIfAbsent(a.spec.ledger(),
                    k -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                        BigInteger.ZERO});
            s[0] = s[0].add(b.debitsPosted());
            s[1] = s[1].add(b.creditsPosted());
            s[2] = s[2].add(b.debitsPending());
            s[3] = s[3].add(b.creditsPending());
        }
        for (Map.Entry<Integer, BigInteger[]> e : perLedger.entrySet()) {
            BigInteger[] s = e.getValue();
            if (!s[0].equals(s[1]) || !s[2].equals(s[3])) {
                throw broken("debits != credits on ledger " + Integer.toUnsignedString(e.getKey()));
            }
        }
        if (complete && accounts.size() == all.size() && pendingCount.get() != pending.size()) {
            throw broken("pending count " + pendingCount.get() + " != " + pending.size());
        }
    }

    private static boolean same(U128 x, U128 y) {
        return x.hi == y.hi && x.lo == y.lo;
    }

    private static IllegalStateException broken(String message) {
        LOG.log(Level.SEVERE, "event=ledger_invariant_broken {0}", message);
        return new IllegalStateException("ledger invariant broken: " + message);
    }

    // ---------------------------------------------------------------- helpers

    /** Whole seconds, rounded up; -1 when outside 1 .. PENDING_TIMEOUT_SECONDS_MAX. */
    static int timeoutSeconds(Duration timeout) {
        return LedgerLimits.pendingTimeoutSeconds(timeout);
    }

    private static void lockBoth(Account a, Account b) {
        if (a.spec.id().compareTo(b.spec.id()) < 0) {
            a.lock.lock();
            b.lock.lock();
        } else {
            b.lock.lock();
            a.lock.lock();
        }
    }

    private static void unlockBoth(Account a, Account b) {
        a.lock.unlock();
        b.lock.unlock();
    }

    /** {@code r} once everything appended so far is on disk; at once in memory. */
    private CompletionStage<TransferResult> durable(TransferResult r) {
        CompletionStage<TransferResult> done = TRANSFER_STAGES.get(r);
        Journal j = journal;
        return j == null ? done : j.whenDurable(j.appendedPosition(), r, done);
    }

    private CompletionStage<AccountResult> durable(AccountResult r) {
        CompletionStage<AccountResult> done = ACCOUNT_STAGES.get(r);
        Journal j = journal;
        return j == null ? done : j.whenDurable(j.appendedPosition(), r, done);
    }

    private static <E extends Enum<E>> Map<E, CompletionStage<E>> stages(Class<E> type) {
        EnumMap<E, CompletionStage<E>> m = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            // completedStage() is a minimal stage: nobody can complete or obtrude it, so sharing
            // one instance per value across threads is safe.
            m.put(e, CompletableFuture.completedStage(e));
        }
        return m;
    }

    /** Mutable balances of one account; fields guarded by {@link #lock}. */
    private static final class Account {
        final ReentrantLock lock = new ReentrantLock();
        volatile AccountSpec spec;
        final U128 debitsPending = new U128();
        final U128 debitsPosted = new U128();
        final U128 creditsPending = new U128();
        final U128 creditsPosted = new U128();

        Account(AccountSpec spec) {
            this.spec = spec;
        }

        AccountBalance snapshot() {
            return new AccountBalance(debitsPending.toBigInteger(), debitsPosted.toBigInteger(),
                    creditsPending.toBigInteger(), creditsPosted.toBigInteger());
        }
    }

    /** One transfer; immutable but for {@link #state} (changed under both accounts' locks). */
    private static final class Transfer {
        final LedgerId id;
        final Account debit;
        final Account credit;
        final long amount;
        final int code;
        final int timeoutSeconds; // 0: single-phase
        final long expiresAtMillis; // MAX_VALUE: single-phase
        volatile int state;

        Transfer(LedgerId id, Account debit, Account credit, long amount, int code,
                int timeoutSeconds, long expiresAtMillis) {
            this.id = id;
            this.debit = debit;
            this.credit = credit;
            this.amount = amount;
            this.code = code;
            this.timeoutSeconds = timeoutSeconds;
            this.expiresAtMillis = expiresAtMillis;
        }

        TransferResult compare(LedgerId debitId, LedgerId creditId, long amount, int code,
                int timeoutSeconds) {
            boolean same = debit.spec.id().equals(debitId) && credit.spec.id().equals(creditId)
                    && this.amount == amount && this.code == code
                    && this.timeoutSeconds == timeoutSeconds;
            return same ? TransferResult.EXISTS : TransferResult.EXISTS_DIFFERENT;
        }
    }
}
