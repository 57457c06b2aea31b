package dev.ilpconnector.settlement;

import dev.ilpconnector.accounting.SettlementLedger;
import dev.ilpconnector.ccp.Timers;
import dev.ilpconnector.ledger.TransferResult;
import dev.ilpconnector.packetswitch.Accounting;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.telemetry.SettlementEvent;
import dev.ilpconnector.telemetry.Telemetry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Balance policy and settlement triggers (docs/accounting.md, "Balance policy and
 * settlement").
 *
 * <p>Trigger: after a fulfilled packet towards a peer, and after an incoming settlement, the
 * peer is marked for a check. The packet path only sets a flag; at most one check per peer runs
 * at a time on the executor, and packets fulfilled while it runs fold into one more check,
 * which starts no sooner than the check interval after the last one: a check reads the ledger,
 * and on TigerBeetle back-to-back reads would take every other round trip from the packets'
 * transfers (one request in flight per client session). The
 * check reads the peer's available balance (what we owe it, less every pending debit) and,
 * above the threshold and with no settlement of the peer in flight, requests one of
 * {@code available - settleTo}.
 *
 * <p>Order, so that a crash loses nothing and pays nothing twice: the settlement is numbered
 * and its intent goes into the ledger first ({@link SettlementLedger}), then the engine is
 * asked with the key derived from the number; its outcome posts or voids the intent. At
 * start-up, and at a check that finds an intent no request holds (an answer lost to a ledger
 * timeout), a settlement still in flight in the ledger is handed to the engine again under the
 * same key (the engine is idempotent), so a payment made just before a crash is recorded, not
 * repeated. An outcome the engine cannot give is never guessed: the intent stays pending.
 */
public final class Settlements {

    private static final Logger LOG = Logger.getLogger(Settlements.class.getName());

    /** 2^64 - 1: the largest amount one settlement (one transfer) can move. */
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final SettlementLedger ledger;
    private final SettlementEngine engine;
    private final Executor executor;
    private final Timers timers;
    private final long checkIntervalNanos;
    private final Clock clock;
    private final List<PeerConfig> peers;
    private final Map<String, SettlementPolicy> policies = new ConcurrentHashMap<>();
    /** Check state of each peer with settlement on; the others are never checked. */
    private final Map<String, CheckState> checks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Intent> inFlight = new ConcurrentHashMap<>();
    /** Hears of settlements and the balances they move (the explorer); never blocks. */
    private volatile Telemetry telemetry = Telemetry.NONE;

    /**
     * @param policies      one per peer (config); peers without one, or with it disabled, are
     *                      never settled automatically
     * @param executor      runs the checks: a managed executor
     * @param timers        runs a check that has to wait for the interval (managed too)
     * @param checkInterval the least time from one check of a peer to the next
     */
    public Settlements(SettlementLedger ledger, SettlementEngine engine, List<PeerConfig> peers,
                       Map<String, SettlementPolicy> policies, Executor executor, Timers timers,
                       Duration checkInterval, Clock clock) {
        this.ledger = ledger;
        this.engine = engine;
        this.executor = executor;
        this.timers = timers;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.clock = clock;
        this.peers = List.copyOf(peers);
        Map<String, CheckState> states = new HashMap<>();
        for (PeerConfig peer : peers) {
            SettlementPolicy policy = policies.get(peer.id());
            if (policy != null && policy.enabled()) {
                states.put(peer.id(), new CheckState(peer, policy));
            }
        }
        this.policies.putAll(policies);
        this.checks.putAll(states);
    }

    /** Where settlement events and balance changes are published. */
    public void setTelemetry(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    /** Tells the explorer; the telemetry returns at once. */
    private void published(PeerConfig peer, String key, long amount, boolean incoming,
                           SettlementEvent.Status status, String detail) {
        Telemetry t = telemetry;
        t.settlement(new SettlementEvent(clock.instant(), peer.id(), key, amount, incoming,
                status, detail));
        t.balanceChanged(peer.id());
    }

    /** An outgoing settlement handed to the engine and not finished. */
    public record Intent(String idempotencyKey, PeerConfig peer, long amount,
                         Instant requestedAt, CompletableFuture<TransferResult> finished) {
    }

    /** The switch's accounting, with a settlement check after each fulfilled packet. */
    public Accounting watch(Accounting accounting) {
        return new SettlingAccounting(accounting, this);
    }

    /**
     * Start-up: hands every settlement the ledger has in flight to the engine again (same key),
     * then checks every peer with settlement on (a balance may have crossed before a restart).
     */
    public void start() {
        executor.execute(() -> CompletableFuture.allOf(peers.stream()
                        .map(peer -> recover(peer).toCompletableFuture())
                        .toArray(CompletableFuture[]::new))
                .whenComplete((ok, failure) -> checks.values().forEach(this::schedule)));
    }

    /**
     * Settles a peer added or changed at run time by {@code policy}; a balance already over
     * its threshold is checked at once.
     */
    public void putPeer(PeerConfig peer, SettlementPolicy policy) {
        policies.put(peer.id(), policy);
        if (policy.enabled()) {
            CheckState state = new CheckState(peer, policy);
            checks.put(peer.id(), state);
            schedule(state);
        } else {
            checks.remove(peer.id());
        }
    }

    /** Stops watching a removed peer (the caller made sure nothing is in flight). */
    public void removePeer(String peerId) {
        checks.remove(peerId);
        policies.remove(peerId);
    }

    /** Whether an outgoing settlement to the peer is in flight. */
    public boolean settling(String peerId) {
        return inFlight.values().stream().anyMatch(i -> i.peer().id().equals(peerId));
    }

    /** The peer's policy; empty for an unknown peer. */
    public Optional<SettlementPolicy> policy(String peerId) {
        return Optional.ofNullable(policies.get(peerId));
    }

    /** The outgoing settlements in flight, oldest first. */
    public List<Intent> inFlight() {
        return inFlight.values().stream()
                .sorted(Comparator.comparing(Intent::requestedAt)).toList();
    }

    /**
     * Completes once the settlement with this key is finished in the ledger (posted, voided);
     * empty when no such settlement is in flight.
     */
    public Optional<CompletionStage<TransferResult>> finished(String idempotencyKey) {
        return Optional.ofNullable(inFlight.get(idempotencyKey)).map(Intent::finished);
    }

    /** The peer's accounts and policy; empty when the ledger has no account for it. */
    public CompletionStage<Optional<BalanceReport>> report(PeerConfig peer) {
        SettlementPolicy policy = policies.get(peer.id());
        return ledger.state(peer).thenApply(state -> state.map(s ->
                new BalanceReport(peer, policy, s.peer(), s.settlement())));
    }

    /**
     * Records a settlement the peer made to us off-ledger: credits its account. Idempotent by
     * key: {@code OK} the first time, {@code EXISTS} for the same amount again,
     * {@code EXISTS_DIFFERENT} when the key was used for another amount.
     */
    public CompletionStage<TransferResult> recordIncoming(PeerConfig peer, long amount,
                                                          String idempotencyKey) {
        return ledger.credit(peer, amount, idempotencyKey).thenApply(result -> {
            if (result == TransferResult.OK) {
                LOG.info("event=settlement_received peer=" + peer.id() + " amount="
                        + Long.toUnsignedString(amount) + " key=" + idempotencyKey);
                published(peer, idempotencyKey, amount, true, SettlementEvent.Status.CONFIRMED,
                        "recorded");
                // We owe the peer more now: it may be our turn to settle.
                fulfilled(peer);
            }
            return result;
        });
    }

    /** Whether fulfilled packets towards the peer are watched at all. */
    boolean watches(PeerConfig peer) {
        return checks.containsKey(peer.id());
    }

    /** The packet path's only call: mark the peer; cheap, never blocks, no ledger lookup. */
    void fulfilled(PeerConfig peer) {
        CheckState state = checks.get(peer.id());
        if (state != null) {
            schedule(state);
        }
    }

    private void schedule(CheckState state) {
        state.dirty = true;
        if (state.scheduled.compareAndSet(false, true)) {
            submit(state);
        }
    }

    private void submit(CheckState state) {
        long wait = state.notBeforeNanos - System.nanoTime();
        try {
            if (wait > 0) {
                timers.schedule(() -> run(state), TimeUnit.NANOSECONDS.toMillis(wait) + 1);
            } else {
                executor.execute(() -> run(state));
            }
        } catch (RejectedExecutionException e) {
            // Shutting down; the next start-up checks every peer again.
            state.scheduled.set(false);
            LOG.warning("peer=" + state.peer.id() + " settlement check not scheduled: " + e);
        }
    }

    private void run(CheckState state) {
        state.dirty = false;
        state.notBeforeNanos = System.nanoTime() + checkIntervalNanos;
        CompletionStage<Void> check;
        try {
            check = check(state);
        } catch (RuntimeException e) {
            check = CompletableFuture.failedFuture(e);
        }
        check.whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "peer=" + state.peer.id() + " settlement check failed",
                        failure);
            }
            state.scheduled.set(false);
            // A packet fulfilled during the check: one more check covers all of them.
            if (state.dirty && state.scheduled.compareAndSet(false, true)) {
                submit(state);
            }
        });
    }

    private CompletionStage<Void> check(CheckState state) {
        PeerConfig peer = state.peer;
        return ledger.state(peer).thenCompose(found -> {
            if (found.isEmpty()) {
                return DONE;
            }
            SettlementLedger.State s = found.get();
            if (s.settlement().creditsPending().signum() != 0) {
                // One settlement per peer at a time: its outcome schedules the next check. An
                // intent nobody holds (its write's or its post's answer was lost) goes to the
                // engine again now rather than at the next restart.
                resume(peer, s, "not finished; asked again");
                return DONE;
            }
            BigInteger available = s.peer().available();
            if (available.compareTo(BigInteger.valueOf(state.policy.threshold())) <= 0) {
                return DONE;
            }
            BigInteger amount = available.subtract(BigInteger.valueOf(state.policy.settleTo()))
                    .min(U64_MAX);
            return request(peer, s.started(), amount.longValue());
        });
    }

    private CompletionStage<Void> request(PeerConfig peer, long n, long amount) {
        String key = SettlementLedger.key(peer, n);
        return ledger.start(peer, n)
                .thenCompose(started -> started == TransferResult.OK
                        ? ledger.reserve(peer, amount, key) : CompletableFuture.completedFuture(
                                started))
                .thenAccept(result -> {
                    if (result != TransferResult.OK) {
                        // Packets the peer sent us took the room meanwhile (EXCEEDS_LIMIT), or
                        // number n was taken; the next check starts a new number.
                        LOG.fine(() -> "peer=" + peer.id() + " settlement " + key
                                + " not started: " + result);
                        return;
                    }
                    LOG.info("event=settlement_requested peer=" + peer.id() + " amount="
                            + Long.toUnsignedString(amount) + " key=" + key);
                    published(peer, key, amount, false, SettlementEvent.Status.REQUESTED,
                            "balance over threshold");
                    hand(new Intent(key, peer, amount, clock.instant(), new CompletableFuture<>()));
                });
    }

    /** A settlement the ledger still holds from before a restart goes to the engine again. */
    private CompletionStage<Void> recover(PeerConfig peer) {
        return ledger.state(peer).thenAccept(found -> found.ifPresent(s ->
                resume(peer, s, "in flight before the restart; asked again"))
        ).exceptionally(failure -> {
            LOG.log(Level.WARNING, "peer=" + peer.id() + " settlement recovery failed", failure);
            return null;
        });
    }

    /** Hands the peer's pending intent to the engine again (same key) unless it has it. */
    private void resume(PeerConfig peer, SettlementLedger.State s, String why) {
        BigInteger pending = s.settlement().creditsPending();
        Optional<String> key = s.lastKey(peer);
        if (pending.signum() == 0 || key.isEmpty() || inFlight.containsKey(key.get())) {
            return;
        }
        LOG.warning("event=settlement_recovered peer=" + peer.id() + " amount=" + pending
                + " key=" + key.get() + " (" + why + ")");
        hand(new Intent(key.get(), peer, pending.longValue(), clock.instant(),
                new CompletableFuture<>()));
    }

    private void hand(Intent intent) {
        if (inFlight.putIfAbsent(intent.idempotencyKey(), intent) != null) {
            return; // recovered and requested at once during start-up: the engine has it
        }
        PeerConfig peer = intent.peer();
        SettlementRequest request = new SettlementRequest(intent.idempotencyKey(), peer.id(),
                intent.amount(), peer.assetCode(), peer.assetScale());
        engine.settle(request).whenComplete((outcome, failure) -> finish(intent, outcome,
                failure));
    }

    private void finish(Intent intent, SettlementOutcome outcome, Throwable failure) {
        String peerId = intent.peer().id();
        String key = intent.idempotencyKey();
        if (failure != null) {
            // Unknown outcome: posting could record a payment that never left, voiding could
            // pay twice. The intent stays pending; the next check or start-up asks the engine
            // again under the same key.
            LOG.log(Level.SEVERE, "event=settlement_unknown peer=" + peerId + " key=" + key
                    + " intent left pending", failure);
            inFlight.remove(key);
            intent.finished().completeExceptionally(failure);
            return;
        }
        CompletionStage<TransferResult> ledgerMove = outcome.settled()
                ? ledger.post(key).thenCompose(result -> result == TransferResult.PENDING_EXPIRED
                        ? ledger.postExpired(intent.peer(), intent.amount(), key)
                        : CompletableFuture.completedFuture(result))
                : ledger.cancel(key);
        ledgerMove.whenComplete((result, ledgerFailure) -> {
            inFlight.remove(key);
            if (ledgerFailure != null) {
                LOG.log(Level.SEVERE, "event=settlement_unrecorded peer=" + peerId + " key="
                        + key + " settled=" + outcome.settled(), ledgerFailure);
                intent.finished().completeExceptionally(ledgerFailure);
                return;
            }
            LOG.info("event=" + (outcome.settled() ? "settlement_settled" : "settlement_failed")
                    + " peer=" + peerId + " amount=" + Long.toUnsignedString(intent.amount())
                    + " key=" + key + " ledger=" + result + " detail=" + outcome.detail());
            published(intent.peer(), key, intent.amount(), false, outcome.settled()
                    ? SettlementEvent.Status.CONFIRMED : SettlementEvent.Status.FAILED,
                    outcome.detail());
            intent.finished().complete(result);
            if (outcome.settled()) {
                // More may have become owed while this one was in flight. (Not after a
                // failure: the next fulfilled packet asks again, a failing engine is not
                // hammered.)
                fulfilled(intent.peer());
            }
        });
    }

    /** Per peer: whether a check is queued or running, and whether another one is wanted. */
    private static final class CheckState {
        final PeerConfig peer;
        final SettlementPolicy policy;
        final AtomicBoolean scheduled = new AtomicBoolean();
        volatile boolean dirty;
        /** When the next check may start (System.nanoTime); written by the running check. */
        volatile long notBeforeNanos = System.nanoTime();

        CheckState(PeerConfig peer, SettlementPolicy policy) {
            this.peer = peer;
            this.policy = policy;
        }
    }
}
