package dev.ilpconnector.ledger.tigerbeetle;

import com.tigerbeetle.AccountBatch;
import com.tigerbeetle.AccountFlags;
import com.tigerbeetle.ConcurrencyExceededException;
import com.tigerbeetle.CreateAccountResult;
import com.tigerbeetle.CreateAccountResultBatch;
import com.tigerbeetle.CreateTransferResult;
import com.tigerbeetle.CreateTransferResultBatch;
import com.tigerbeetle.IdBatch;
import com.tigerbeetle.TransferBatch;
import com.tigerbeetle.TransferFlags;
import com.tigerbeetle.UInt128;
import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.AccountResult;
import dev.ilpconnector.ledger.AccountSpec;
import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.ledger.LedgerId;
import dev.ilpconnector.ledger.LedgerLimits;
import dev.ilpconnector.ledger.LedgerStatus;
import dev.ilpconnector.ledger.LedgerUnavailableException;
import dev.ilpconnector.ledger.LegResults;
import dev.ilpconnector.ledger.PendingLeg;
import dev.ilpconnector.ledger.TransferResult;
import dev.ilpconnector.ledger.UserData;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Ledger} on a TigerBeetle 0.15.3 cluster through {@code tigerbeetle-java}'s async API.
 *
 * <p>Batching: concurrent transfer calls (creates, posts, voids) go out together, one
 * {@code create_transfers} request per round trip ({@link RequestBatcher}); lookups likewise
 * one {@code lookup_accounts} per round trip. The 0.15.3 client coalesces concurrent
 * create requests itself too, but not lookups, and it throws once 256 requests are in flight;
 * batching here keeps one request per operation in flight and a bounded queue (BUSY beyond).
 *
 * <p>Time: every call completes within the call timeout, with
 * {@link LedgerUnavailableException} when the cluster does not answer (the client itself waits
 * forever). While a request is overdue, new calls fail at once instead of queueing; the outage
 * ends with the overdue request's reply, or sooner with a fresh client ({@link ClientSlot}).
 *
 * <p>Limits: an account with a limit has {@code debits_must_not_exceed_credits} and a
 * credit-line account; the line ({@code -minBalance}) is posted from the credit-line account to
 * the account (a negative line, i.e. a reserve, the other way). {@link #balance} leaves the line
 * out, so totals mean what the SPI says. Lowering a limit below what the account already uses
 * moves what fits now; the rest is owed and taken, atomically (a linked chain), in front of the
 * account's next debit. Replies are completed on the given executor, never on the client's
 * thread.
 */
public final class TigerBeetleLedger implements Ledger {

    private static final Logger LOG = Logger.getLogger(TigerBeetleLedger.class.getName());

    /** Account code of a credit-line account (one per limited account). */
    public static final int CODE_CREDIT_LINE_ACCOUNT = 4;
    /** Transfer code of a credit-line change. */
    public static final int CODE_CREDIT_LINE = 3;
    /** Events per request in the 0.15.3 default config: (1 MiB - 256 B header) / 128 B. */
    static final int EVENTS_PER_REQUEST_MAX = 8190;
    /** Calls waiting for a request slot; beyond it a create is BUSY (the switch sends T03). */
    static final int QUEUED_CALLS_MAX = 65_536;
    /** {@link #status} asks the cluster again when nothing answered for this long. */
    private static final long PROBE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** {@link #close} waits this long: the client's close blocks while a request is unanswered. */
    private static final long CLOSE_WAIT_MS = 2_000;

    private static final CompletionStage<TransferResult> INVALID =
            CompletableFuture.completedStage(TransferResult.INVALID);
    private static final CompletionStage<TransferResult> BUSY =
            CompletableFuture.completedStage(TransferResult.BUSY);
    private static final CompletionStage<LegResults> BUSY_LEGS = CompletableFuture.completedStage(
            new LegResults(TransferResult.BUSY, TransferResult.BUSY));

    private final ClientSlot client;
    private final String where;
    private final Executor completions;
    private final long timeoutMs;
    private final RequestBatcher<Event[], CreateTransferResult[]> transfers;
    private final RequestBatcher<LedgerId[], Map<LedgerId, Row>> lookups;
    /** Ledger and limit flag of accounts seen, so a transfer needs no lookup. */
    private final ConcurrentHashMap<LedgerId, AccountInfo> known = new ConcurrentHashMap<>();
    /** Part of a lowered limit not yet applied, per account (unsigned amount). */
    private final ConcurrentHashMap<LedgerId, Long> owed = new ConcurrentHashMap<>();
    private final Object limitLock = new Object();
    private CompletableFuture<AccountResult> limitTail =
            CompletableFuture.completedFuture(AccountResult.OK); // guarded by limitLock
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean reachable = true;
    private volatile long lastAnswerNanos = System.nanoTime();
    private volatile String lastError = "";

    private TigerBeetleLedger(ClientSlot client, String where, Duration callTimeout,
                              Executor completions) {
        this.client = client;
        this.where = where;
        this.completions = completions;
        this.timeoutMs = callTimeout.toMillis();
        this.transfers = new RequestBatcher<>(QUEUED_CALLS_MAX, EVENTS_PER_REQUEST_MAX,
                this::sendTransfers);
        this.lookups = new RequestBatcher<>(QUEUED_CALLS_MAX, EVENTS_PER_REQUEST_MAX,
                this::sendLookups);
    }

    /**
     * Connects and waits until the cluster answers.
     *
     * @param clusterId   TigerBeetle cluster id (u128)
     * @param addresses   replica addresses ({@code host:port} or a port)
     * @param callTimeout bound of every later call
     * @param waitAtStart how long to wait for the first answer
     * @param completions runs the continuations of every reply
     * @throws IllegalArgumentException   the client refused the addresses or the cluster id
     * @throws LedgerUnavailableException no replica answered in time
     * @throws IllegalStateException      the client's native library did not load
     */
    public static TigerBeetleLedger connect(BigInteger clusterId, List<String> addresses,
            Duration callTimeout, Duration waitAtStart, Executor completions) {
        ClientSlot client;
        try {
            client = new ClientSlot(UInt128.asBytes(clusterId), addresses.toArray(String[]::new));
        } catch (LinkageError e) {
            throw new IllegalStateException("the TigerBeetle client library did not load: " + e,
                    e);
        } catch (RuntimeException e) { // InitializationException, IllegalArgumentException
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String where = "cluster=" + clusterId + " addresses=" + String.join(",", addresses);
        TigerBeetleLedger ledger = new TigerBeetleLedger(client, where, callTimeout, completions);
        try {
            ledger.probe().toCompletableFuture()
                    .get(waitAtStart.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ledger.close();
            throw new LedgerUnavailableException("interrupted while connecting to " + where);
        } catch (Exception e) {
            ledger.close();
            throw new LedgerUnavailableException("no TigerBeetle replica answered within "
                    + waitAtStart.toMillis() + " ms (" + where + ")");
        }
        LOG.info("event=ledger_connected backend=tigerbeetle " + where + " callTimeoutMs="
                + callTimeout.toMillis());
        return ledger;
    }

    // ---------------------------------------------------------------- accounts

    @Override
    public CompletionStage<AccountResult> createAccount(AccountSpec spec) {
        Objects.requireNonNull(spec, "spec");
        AccountBatch batch = new AccountBatch(2);
        addAccount(batch, spec.id(), spec.ledger(), spec.code(),
                spec.hasLimit() ? AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS : AccountFlags.NONE);
        if (spec.hasLimit()) {
            addAccount(batch, creditLineOf(spec.id()), spec.ledger(), CODE_CREDIT_LINE_ACCOUNT,
                    AccountFlags.NONE);
        }
        CompletableFuture<CreateAccountResultBatch> sent;
        try {
            sent = client.get().createAccountsAsync(batch);
        } catch (ConcurrencyExceededException e) {
            return CompletableFuture.failedStage(new LedgerUnavailableException(e.getMessage()));
        }
        return timed(sent).thenComposeAsync(results -> created(spec, results), completions);
    }

    private CompletionStage<AccountResult> created(AccountSpec spec,
                                                   CreateAccountResultBatch results) {
        CreateAccountResult[] r = {CreateAccountResult.Ok, CreateAccountResult.Ok};
        while (results.next()) {
            r[results.getIndex()] = results.getResult();
        }
        AccountResult account = TigerBeetleResults.ofAccount(r[0]);
        AccountResult line = TigerBeetleResults.ofAccount(r[1]);
        if (account == AccountResult.EXISTS_DIFFERENT || line == AccountResult.EXISTS_DIFFERENT) {
            return CompletableFuture.completedStage(AccountResult.EXISTS_DIFFERENT);
        }
        known.put(spec.id(), new AccountInfo(spec.ledger(), spec.hasLimit()));
        if (!spec.hasLimit()) {
            return CompletableFuture.completedStage(account);
        }
        if (account == AccountResult.OK) {
            return setMinBalance(spec.id(), spec.minBalance())
                    .thenApply(r2 -> AccountResult.OK);
        }
        return minBalanceOf(spec.id()).thenApply(current -> current == spec.minBalance()
                ? AccountResult.EXISTS : AccountResult.EXISTS_DIFFERENT_LIMIT);
    }

    @Override
    public CompletionStage<AccountResult> setMinBalance(LedgerId account, long minBalance) {
        Objects.requireNonNull(account, "account");
        synchronized (limitLock) { // one limit change at a time: each reads what it moves
            limitTail = limitTail.handle((r, e) -> null)
                    .thenCompose(x -> moveLimit(account, minBalance)).toCompletableFuture();
            return limitTail;
        }
    }

    private CompletionStage<AccountResult> moveLimit(LedgerId account, long minBalance) {
        LedgerId line = creditLineOf(account);
        return lookup(account, line).thenCompose(rows -> {
            Row row = rows.get(account);
            if (row == null) {
                return CompletableFuture.completedStage(AccountResult.NOT_FOUND);
            }
            boolean limited = AccountFlags.hasDebitsMustNotExceedCredits(row.flags());
            if (!limited || minBalance == AccountSpec.NO_LIMIT) {
                // TigerBeetle's flags are fixed at creation: limited or not cannot change.
                return CompletableFuture.completedStage(limited == (minBalance
                        != AccountSpec.NO_LIMIT) ? AccountResult.OK
                        : AccountResult.EXISTS_DIFFERENT);
            }
            BigInteger target = BigInteger.valueOf(minBalance).negate();
            BigInteger delta = target.subtract(lineOf(rows.get(line)));
            CompletionStage<TransferResult> moved;
            if (delta.signum() > 0) {
                moved = submit(r -> TigerBeetleResults.ofCreate(r[0]),
                        Event.line(line, account, delta, row.ledger(), TransferFlags.NONE));
            } else if (delta.signum() < 0) {
                // Takes what the account has room for; the rest is owed (see class comment).
                moved = submit(r -> TigerBeetleResults.ofCreate(r[0]), Event.line(account, line,
                        delta.negate(), row.ledger(), TransferFlags.BALANCING_DEBIT));
            } else {
                moved = CompletableFuture.completedStage(TransferResult.OK);
            }
            return moved.thenCompose(r -> {
                if (delta.signum() > 0 && r != TransferResult.OK) {
                    // A raise is a plain credit: anything but OK leaves the limit unapplied.
                    throw new IllegalStateException("credit line of account " + account
                            + " not raised: " + r);
                }
                return lookup(line);
            }).thenApply(after -> {
                BigInteger rest = lineOf(after.get(line)).subtract(target);
                if (rest.signum() > 0) {
                    owed.put(account, rest.longValue());
                } else {
                    owed.remove(account);
                }
                return AccountResult.OK;
            });
        });
    }

    /** The limit in force: the posted line less what is still owed of a lowering. */
    private CompletionStage<Long> minBalanceOf(LedgerId account) {
        LedgerId line = creditLineOf(account);
        return lookup(line).thenApply(rows -> lineOf(rows.get(line))
                .subtract(new BigInteger(Long.toUnsignedString(owed.getOrDefault(account, 0L))))
                .negate().longValue());
    }

    @Override
    public CompletionStage<Optional<AccountBalance>> balance(LedgerId account) {
        Objects.requireNonNull(account, "account");
        LedgerId lineId = creditLineOf(account);
        return lookup(account, lineId).thenApply(rows -> {
            Row a = rows.get(account);
            if (a == null) {
                return Optional.empty();
            }
            Row line = rows.get(lineId);
            BigInteger lineIn = line == null ? BigInteger.ZERO : line.debitsPosted();
            BigInteger lineOut = line == null ? BigInteger.ZERO : line.creditsPosted();
            return Optional.of(new AccountBalance(a.debitsPending(),
                    a.debitsPosted().subtract(lineOut), a.creditsPending(),
                    a.creditsPosted().subtract(lineIn)));
        });
    }

    // ---------------------------------------------------------------- transfers

    @Override
    public CompletionStage<TransferResult> createPending(LedgerId transferId,
            LedgerId debitAccount, LedgerId creditAccount, long amount, int code,
            Duration timeout) {
        return createPending(transferId, debitAccount, creditAccount, amount, code, timeout,
                UserData.NONE);
    }

    @Override
    public CompletionStage<TransferResult> createPending(LedgerId transferId,
            LedgerId debitAccount, LedgerId creditAccount, long amount, int code,
            Duration timeout, UserData userData) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(userData, "userData");
        int seconds = LedgerLimits.pendingTimeoutSeconds(timeout);
        return create(transferId, debitAccount, creditAccount, amount, code, seconds,
                TransferFlags.PENDING, userData);
    }

    @Override
    public CompletionStage<TransferResult> createPosted(LedgerId transferId,
            LedgerId debitAccount, LedgerId creditAccount, long amount, int code) {
        return create(transferId, debitAccount, creditAccount, amount, code, 0,
                TransferFlags.NONE, UserData.NONE);
    }

    @Override
    public CompletionStage<TransferResult> post(LedgerId pendingTransferId) {
        return finish(pendingTransferId, true);
    }

    @Override
    public CompletionStage<TransferResult> voidPending(LedgerId pendingTransferId) {
        return finish(pendingTransferId, false);
    }

    /**
     * Both legs in one request, linked: both pending or neither, one round trip. Falls back to
     * two calls while an account is not known yet or owes a lowered limit's difference (that
     * debit travels linked with its own claim).
     */
    @Override
    public CompletionStage<LegResults> createBothPending(PendingLeg first, PendingLeg second) {
        Event in = pendingEvent(first, TransferFlags.PENDING | TransferFlags.LINKED);
        Event out = pendingEvent(second, TransferFlags.PENDING);
        if (in == null || out == null) {
            return Ledger.super.createBothPending(first, second);
        }
        return request(r -> new LegResults(linked(r[0], r[1]), linked(r[1], r[0])), BUSY_LEGS,
                in, out);
    }

    /**
     * Posts both legs linked in one request: the next hop's credit is posted only together
     * with the source's debit (the incoming leg's longer timeout keeps it pending longer).
     */
    @Override
    public CompletionStage<LegResults> postBoth(LedgerId first, LedgerId second) {
        Event in = finishEvent(first, true, TransferFlags.LINKED);
        Event out = finishEvent(second, true, TransferFlags.NONE);
        return request(r -> new LegResults(
                TigerBeetleResults.ofFinish(linkedFinish(r[0], r[1]), true),
                TigerBeetleResults.ofFinish(linkedFinish(r[1], r[0]), true)), BUSY_LEGS, in, out);
    }

    /** Voids both legs in one request (not linked: each is released on its own). */
    @Override
    public CompletionStage<LegResults> voidBoth(LedgerId first, LedgerId second) {
        Event in = finishEvent(first, false, TransferFlags.NONE);
        Event out = finishEvent(second, false, TransferFlags.NONE);
        return request(r -> new LegResults(TigerBeetleResults.ofFinish(r[0], false),
                TigerBeetleResults.ofFinish(r[1], false)), BUSY_LEGS, in, out);
    }

    /** The create event of a leg whose accounts are known and owe nothing; else null. */
    private Event pendingEvent(PendingLeg leg, int flags) {
        AccountInfo d = known.get(leg.debit());
        AccountInfo c = known.get(leg.credit());
        if (d == null || c == null || d.ledger() != c.ledger() || leg.amount() == 0
                || (d.limited() && owed.containsKey(leg.debit()))) {
            return null;
        }
        return new Event(leg.id(), leg.debit(), leg.credit(), leg.amount(), 0, null,
                leg.userData(), LedgerLimits.pendingTimeoutSeconds(leg.timeout()), d.ledger(),
                leg.code(), flags);
    }

    /** A linked event that failed only because its partner did: reported as not applied. */
    private static TransferResult linked(CreateTransferResult mine, CreateTransferResult other) {
        if (mine == CreateTransferResult.LinkedEventFailed) {
            return other == CreateTransferResult.Ok ? TransferResult.OK
                    : TransferResult.PENDING_NOT_FOUND;
        }
        return TigerBeetleResults.ofCreate(mine);
    }

    private static CreateTransferResult linkedFinish(CreateTransferResult mine,
                                                     CreateTransferResult other) {
        // the partner's failure is the reason: report it for both
        return mine == CreateTransferResult.LinkedEventFailed ? other : mine;
    }

    private CompletionStage<TransferResult> create(LedgerId id, LedgerId debit, LedgerId credit,
            long amount, int code, int seconds, int flags, UserData userData) {
        Objects.requireNonNull(id, "transferId");
        Objects.requireNonNull(debit, "debitAccount");
        Objects.requireNonNull(credit, "creditAccount");
        if (amount == 0 || seconds < 0 || code <= 0 || code > AccountSpec.CODE_MAX
                || debit.equals(credit)) {
            return INVALID;
        }
        Transfer t = new Transfer(id, debit, credit, amount, code, seconds, flags, userData);
        AccountInfo d = known.get(debit);
        AccountInfo c = known.get(credit);
        if (d != null && c != null) {
            return createKnown(t, d, c);
        }
        return lookup(debit, credit).thenCompose(rows -> {
            AccountInfo d2 = learn(debit, rows.get(debit));
            AccountInfo c2 = learn(credit, rows.get(credit));
            return d2 == null || c2 == null
                    ? CompletableFuture.completedStage(TransferResult.ACCOUNT_NOT_FOUND)
                    : createKnown(t, d2, c2);
        });
    }

    private CompletionStage<TransferResult> createKnown(Transfer t, AccountInfo debit,
                                                        AccountInfo credit) {
        if (debit.ledger() != credit.ledger()) {
            return CompletableFuture.completedStage(TransferResult.LEDGER_MISMATCH);
        }
        Event main = new Event(t.id(), t.debit(), t.credit(), t.amount(), 0, null, t.userData(),
                t.seconds(), debit.ledger(), t.code(), t.flags());
        Long claim = debit.limited() ? owed.remove(main.debit()) : null;
        if (claim == null) {
            return submit(r -> TigerBeetleResults.ofCreate(r[0]), main);
        }
        // Linked: the owed part of a lowered limit and this debit succeed or fail together.
        Event owing = new Event(LedgerId.random(), main.debit(), creditLineOf(main.debit()),
                claim, 0, null, UserData.NONE, 0, debit.ledger(), CODE_CREDIT_LINE,
                TransferFlags.LINKED | TransferFlags.BALANCING_DEBIT);
        return submit(r -> TigerBeetleResults.ofCreate(
                        r[1] == CreateTransferResult.LinkedEventFailed ? r[0] : r[1]), owing, main)
                .whenComplete((result, failure) -> {
                    if (result != TransferResult.OK) { // still owed (unknown outcome: be strict)
                        owed.merge(main.debit(), claim, Long::sum);
                    }
                });
    }

    private CompletionStage<TransferResult> finish(LedgerId pendingId, boolean post) {
        return submit(r -> TigerBeetleResults.ofFinish(r[0], post),
                finishEvent(pendingId, post, TransferFlags.NONE));
    }

    private static Event finishEvent(LedgerId pendingId, boolean post, int flags) {
        Objects.requireNonNull(pendingId, "pendingTransferId");
        // Own id derived from the pending one: a replayed post or void is "exists".
        return new Event(pendingId.sibling(post ? 1 : 2), null, null,
                0, 0, pendingId, UserData.NONE, 0, 0, 0, flags
                | (post ? TransferFlags.POST_PENDING_TRANSFER
                        : TransferFlags.VOID_PENDING_TRANSFER));
    }

    private CompletionStage<TransferResult> submit(
            Function<CreateTransferResult[], TransferResult> mapper, Event... events) {
        return request(mapper, BUSY, events);
    }

    /** Events in one request (in order, linked where flagged); {@code busy} when queue full. */
    private <T> CompletionStage<T> request(Function<CreateTransferResult[], T> mapper,
            CompletionStage<T> busy, Event... events) {
        if (transfers.stalledLongerThan(TimeUnit.MILLISECONDS.toNanos(timeoutMs))) {
            reconnectIfBack();
            return CompletableFuture.failedStage(unavailable());
        }
        RequestBatcher.Call<Event[], CreateTransferResult[]> call =
                new RequestBatcher.Call<>(events, events.length);
        if (!transfers.offer(call)) {
            return busy;
        }
        return timed(call.answer).thenApply(mapper);
    }

    private CompletableFuture<Void> sendTransfers(
            List<RequestBatcher.Call<Event[], CreateTransferResult[]>> calls) {
        int count = 0;
        for (RequestBatcher.Call<Event[], CreateTransferResult[]> call : calls) {
            count += call.events;
        }
        TransferBatch batch = new TransferBatch(count);
        for (RequestBatcher.Call<Event[], CreateTransferResult[]> call : calls) {
            for (Event e : call.request) {
                e.addTo(batch);
            }
        }
        CompletableFuture<CreateTransferResultBatch> sent;
        try {
            sent = client.get().createTransfersAsync(batch);
        } catch (ConcurrencyExceededException e) {
            return CompletableFuture.failedFuture(new LedgerUnavailableException(e.getMessage()));
        }
        int events = count;
        return sent.thenAccept(results -> {
            answered();
            complete(() -> {
                CreateTransferResult[] all = new CreateTransferResult[events];
                Arrays.fill(all, CreateTransferResult.Ok);
                while (results.next()) {
                    all[results.getIndex()] = results.getResult();
                }
                int at = 0;
                for (RequestBatcher.Call<Event[], CreateTransferResult[]> call : calls) {
                    CreateTransferResult[] mine = new CreateTransferResult[call.events];
                    System.arraycopy(all, at, mine, 0, mine.length);
                    at += mine.length;
                    call.answer.complete(mine);
                }
            });
        });
    }

    // ---------------------------------------------------------------- lookups

    private CompletionStage<Map<LedgerId, Row>> lookup(LedgerId... ids) {
        if (lookups.stalledLongerThan(TimeUnit.MILLISECONDS.toNanos(timeoutMs))) {
            reconnectIfBack();
            return CompletableFuture.failedStage(unavailable());
        }
        RequestBatcher.Call<LedgerId[], Map<LedgerId, Row>> call =
                new RequestBatcher.Call<>(ids, ids.length);
        if (!lookups.offer(call)) {
            return CompletableFuture.failedStage(
                    new LedgerUnavailableException("lookup queue full"));
        }
        return timed(call.answer);
    }

    private CompletableFuture<Void> sendLookups(
            List<RequestBatcher.Call<LedgerId[], Map<LedgerId, Row>>> calls) {
        int count = 0;
        for (RequestBatcher.Call<LedgerId[], Map<LedgerId, Row>> call : calls) {
            count += call.events;
        }
        IdBatch batch = new IdBatch(count);
        for (RequestBatcher.Call<LedgerId[], Map<LedgerId, Row>> call : calls) {
            for (LedgerId id : call.request) {
                batch.add(id.lo(), id.hi());
            }
        }
        CompletableFuture<AccountBatch> sent;
        try {
            sent = client.get().lookupAccountsAsync(batch);
        } catch (ConcurrencyExceededException e) {
            return CompletableFuture.failedFuture(new LedgerUnavailableException(e.getMessage()));
        }
        return sent.thenAccept(found -> {
            answered();
            complete(() -> {
                Map<LedgerId, Row> rows = new HashMap<>();
                while (found.next()) {
                    rows.put(new LedgerId(found.getId(UInt128.MostSignificant),
                            found.getId(UInt128.LeastSignificant)), Row.of(found));
                }
                Map<LedgerId, Row> shared = Map.copyOf(rows);
                calls.forEach(call -> call.answer.complete(shared));
            });
        });
    }

    /** A lookup of an id no account has: answers as soon as a replica does. */
    private CompletionStage<Map<LedgerId, Row>> probe() {
        return lookup(LedgerId.forName("tigerbeetle-probe"));
    }

    // ---------------------------------------------------------------- health

    @Override
    public LedgerStatus status() {
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        boolean stalled = transfers.stalledLongerThan(timeoutNanos)
                || lookups.stalledLongerThan(timeoutNanos);
        if (!stalled && System.nanoTime() - lastAnswerNanos > PROBE_AFTER_NANOS
                && probing.compareAndSet(false, true)) {
            // Idle: nothing tells whether the cluster is there; ask, answer from what is known.
            probe().whenComplete((rows, failure) -> probing.set(false));
        }
        if (stalled) {
            reconnectIfBack();
        }
        boolean up = reachable && !stalled;
        return new LedgerStatus("tigerbeetle", true, up,
                where + (up ? "" : " unreachable: " + lastError));
    }

    @Override
    public void close() {
        if (!client.close(CLOSE_WAIT_MS)) {
            LOG.warning("event=ledger_close_incomplete backend=tigerbeetle " + where
                    + " requests still unanswered; their pending transfers time out by themselves");
        }
    }

    /** {@code create_transfers} requests sent so far: one per round trip, many calls each. */
    long transferRequestsSent() {
        return transfers.requestsSent();
    }

    // ---------------------------------------------------------------- helpers

    /** A request is overdue: once a replica listens again, a fresh client takes over. */
    private void reconnectIfBack() {
        client.replaceIfClusterBack(completions, () -> {
            transfers.abandon();
            lookups.abandon();
        });
    }

    /** Bounds a reply by the call timeout; an overdue or failed reply is an outage. */
    private <T> CompletionStage<T> timed(CompletableFuture<T> reply) {
        return reply.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).handle((value, failure) -> {
            if (failure == null) {
                return value;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof LedgerUnavailableException u) {
                throw u;
            }
            markUnreachable(cause instanceof TimeoutException
                    ? "no answer within " + timeoutMs + " ms" : cause.toString());
            throw unavailable();
        });
    }

    private LedgerUnavailableException unavailable() {
        return new LedgerUnavailableException("TigerBeetle did not answer (" + where + "): "
                + lastError);
    }

    private void markUnreachable(String why) {
        lastError = why;
        if (reachable) {
            reachable = false;
            LOG.warning("event=ledger_unreachable backend=tigerbeetle " + where + " reason=" + why);
        }
    }

    private void answered() {
        lastAnswerNanos = System.nanoTime();
        if (!reachable) {
            reachable = true;
            LOG.info("event=ledger_reachable backend=tigerbeetle " + where);
        }
    }

    /** Runs reply handling (and so the callers' continuations) off the client's own thread. */
    private void complete(Runnable task) {
        try {
            completions.execute(task);
        } catch (RejectedExecutionException e) { // shutting down: answer anyway
            LOG.log(Level.FINE, "completion executor refused; completing inline", e);
            task.run();
        }
    }

    private AccountInfo learn(LedgerId id, Row row) {
        if (row == null) {
            return null;
        }
        AccountInfo info = new AccountInfo(row.ledger(),
                AccountFlags.hasDebitsMustNotExceedCredits(row.flags()));
        known.put(id, info);
        return info;
    }

    /** The credit-line account of a limited account. */
    static LedgerId creditLineOf(LedgerId account) {
        return LedgerId.forName("credit-line:" + Long.toHexString(account.hi()) + ":"
                + Long.toHexString(account.lo()));
    }

    /** Posted credit line of a credit-line account's totals (signed). */
    private static BigInteger lineOf(Row line) {
        return line == null ? BigInteger.ZERO
                : line.debitsPosted().subtract(line.creditsPosted());
    }

    private static void addAccount(AccountBatch batch, LedgerId id, int ledger, int code,
                                   int flags) {
        batch.add();
        batch.setId(id.lo(), id.hi());
        batch.setLedger(ledger);
        batch.setCode(code);
        batch.setFlags(flags);
    }

    private record AccountInfo(int ledger, boolean limited) {
    }

    /** A create as the caller asked for it, before its ledger is known. */
    private record Transfer(LedgerId id, LedgerId debit, LedgerId credit, long amount, int code,
                            int seconds, int flags, UserData userData) {
    }

    /** The fields of an account this ledger reads back. */
    private record Row(int ledger, int flags, BigInteger debitsPending, BigInteger debitsPosted,
                       BigInteger creditsPending, BigInteger creditsPosted) {
        static Row of(AccountBatch b) {
            return new Row(b.getLedger(), b.getFlags(), b.getDebitsPending(),
                    b.getDebitsPosted(), b.getCreditsPending(), b.getCreditsPosted());
        }
    }

    /** One transfer event as TigerBeetle takes it; null ids are zero. */
    private record Event(LedgerId id, LedgerId debit, LedgerId credit, long amountLo,
                         long amountHi, LedgerId pendingId, UserData userData, int timeout,
                         int ledger, int code, int flags) {

        /** A credit-line move of a (positive, below 2^128) BigInteger amount. */
        static Event line(LedgerId debit, LedgerId credit, BigInteger amount, int ledger,
                          int flags) {
            return new Event(LedgerId.random(), debit, credit, amount.longValue(),
                    amount.shiftRight(64).longValue(), null, UserData.NONE, 0, ledger,
                    CODE_CREDIT_LINE, flags);
        }

        void addTo(TransferBatch batch) {
            batch.add();
            batch.setId(id.lo(), id.hi());
            if (debit != null) {
                batch.setDebitAccountId(debit.lo(), debit.hi());
                batch.setCreditAccountId(credit.lo(), credit.hi());
            }
            batch.setAmount(amountLo, amountHi);
            if (pendingId != null) {
                batch.setPendingId(pendingId.lo(), pendingId.hi());
            }
            batch.setUserData128(userData.lo(), userData.hi());
            batch.setTimeout(timeout);
            batch.setLedger(ledger);
            batch.setCode(code);
            batch.setFlags(flags);
        }
    }
}
