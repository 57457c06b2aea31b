package dev.ilpconnector.settlement;

import dev.ilpconnector.accounting.SettlementLedger;
import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.LedgerId;
import dev.ilpconnector.ledger.LedgerStatus;
import dev.ilpconnector.ledger.TransferResult;
import dev.ilpconnector.packetswitch.Accounting;
import dev.ilpconnector.peer.PeerConfig;
import java.math.BigInteger;
import java.time.Clock;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Balance policy and settlement triggers (docs/accounting.md, "Balance policy and
 * settlement").
 *
 * <p>Trigger: after a fulfilled packet towards a peer, and after an incoming settlement, the
 * peer is marked for a check. The packet path only sets a flag; at most one check per peer runs
 * at a time on the executor, and packets fulfilled while it runs fold into one more check. The
 * check reads the peer's available balance (what we owe it, less every pending debit: packets
 * it sent us that are still open and settlements already in flight) and, above the threshold,
 * requests a settlement of {@code available - settleTo}.
 *
 * <p>Order, so that a crash loses nothing and pays nothing twice: the intent goes into the
 * ledger first (a pending transfer whose id comes from the idempotency key), then the engine
 * is asked; its outcome posts or voids the intent. Pending, the intent counts against the
 * peer's limit, which is what makes headroom count settlements in flight. A node that dies
 * before the outcome leaves the intent pending until its ledger timeout; an intent without an
 * outcome is never guessed either way.
 */
public final class Settlements {

    private static final Logger LOG = Logger.getLogger(Settlements.class.getName());

    /** Outgoing settlements open at once per peer; beyond, nobody is settling: stop asking. */
    public static final int IN_FLIGHT_PER_PEER_MAX = 16;
    /** 2^64 - 1: the largest amount one settlement (one transfer) can move. */
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final SettlementLedger ledger;
    private final SettlementEngine engine;
    private final Executor executor;
    private final Clock clock;
    private final Map<String, SettlementPolicy> policies;
    /** Check state of each peer with settlement on; the others are never checked. */
    private final Map<String, CheckState> checks;
    private final ConcurrentMap<String, Intent> inFlight = new ConcurrentHashMap<>();

    /**
     * @param policies one per peer (config); peers without one, or with it disabled, are never
     *                 settled automatically
     * @param executor runs the checks and the engine's follow-ups: a managed executor
     */
    public Settlements(SettlementLedger ledger, SettlementEngine engine, List<PeerConfig> peers,
                       Map<String, SettlementPolicy> policies, Executor executor, Clock clock) {
        this.ledger = ledger;
        this.engine = engine;
        this.executor = executor;
        this.clock = clock;
        Map<String, CheckState> states = new HashMap<>();
        for (PeerConfig peer : peers) {
            SettlementPolicy policy = policies.get(peer.id());
            if (policy != null && policy.enabled()) {
                states.put(peer.id(), new CheckState(peer, policy));
            }
        }
        this.policies = Map.copyOf(policies);
        this.checks = Map.copyOf(states);
    }

    /** An outgoing settlement requested and not finished. */
    public record Intent(String idempotencyKey, PeerConfig peer, long amount,
                         Instant requestedAt, CompletableFuture<TransferResult> finished) {
    }

    /** The switch's accounting, with a settlement check after each fulfilled packet. */
    public Accounting watch(Accounting accounting) {
        return new SettlingAccounting(accounting, this);
    }

    /** Checks every peer with settlement on: a balance may have crossed before a restart. */
    public void checkAll() {
        checks.values().forEach(this::schedule);
    }

    /** The peer's policy; empty for an unknown peer. */
    public Optional<SettlementPolicy> policy(String peerId) {
        return Optional.ofNullable(policies.get(peerId));
    }

    public LedgerStatus ledgerStatus() {
        return ledger.status();
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

    /** The peer's account, policy and settlements in flight. */
    public CompletionStage<Optional<BalanceReport>> report(PeerConfig peer) {
        SettlementPolicy policy = policies.get(peer.id());
        return ledger.balance(peer).thenApply(balance -> balance.map(b ->
                new BalanceReport(peer, policy, b, inFlightAmount(peer.id()))));
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
        try {
            executor.execute(() -> run(state));
        } catch (RejectedExecutionException e) {
            // Shutting down; the next start-up checks every peer again.
            state.scheduled.set(false);
            LOG.warning("peer=" + state.peer.id() + " settlement check not scheduled: " + e);
        }
    }

    private void run(CheckState state) {
        state.dirty = false;
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
        return ledger.balance(peer).thenCompose(balance -> {
            BigInteger available = balance.map(AccountBalance::available)
                    .orElse(BigInteger.ZERO);
            if (available.compareTo(BigInteger.valueOf(state.policy.threshold())) <= 0) {
                return DONE;
            }
            if (inFlightCount(peer.id()) >= IN_FLIGHT_PER_PEER_MAX) {
                LOG.warning("peer=" + peer.id() + " owes " + available + " over threshold but "
                        + IN_FLIGHT_PER_PEER_MAX + " settlements are open already");
                return DONE;
            }
            BigInteger amount = available.subtract(BigInteger.valueOf(state.policy.settleTo()))
                    .min(U64_MAX);
            return request(peer, amount.longValue());
        });
    }

    private CompletionStage<Void> request(PeerConfig peer, long amount) {
        String key = "out-" + peer.id() + "-" + LedgerId.random();
        Intent intent = new Intent(key, peer, amount, clock.instant(), new CompletableFuture<>());
        return ledger.reserve(peer, amount, key).thenAccept(result -> {
            if (!result.isSuccess()) {
                // Packets the peer sent us took the room meanwhile; the next check tries again.
                LOG.fine(() -> "peer=" + peer.id() + " settlement intent refused result="
                        + result);
                return;
            }
            inFlight.put(key, intent);
            LOG.info("event=settlement_requested peer=" + peer.id() + " amount="
                    + Long.toUnsignedString(amount) + " key=" + key);
            SettlementRequest request = new SettlementRequest(key, peer.id(), amount,
                    peer.assetCode(), peer.assetScale());
            engine.settle(request).whenComplete((outcome, failure) -> finish(intent, outcome,
                    failure));
        });
    }

    private void finish(Intent intent, SettlementOutcome outcome, Throwable failure) {
        String peerId = intent.peer().id();
        String key = intent.idempotencyKey();
        if (failure != null) {
            // Unknown outcome: posting could record a payment that never left, voiding could
            // pay twice. The intent stays pending for an operator to reconcile.
            LOG.log(Level.SEVERE, "event=settlement_unknown peer=" + peerId + " key=" + key
                    + " intent left pending until its ledger timeout", failure);
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
            intent.finished().complete(result);
        });
    }

    private BigInteger inFlightAmount(String peerId) {
        BigInteger sum = BigInteger.ZERO;
        for (Intent intent : inFlight.values()) {
            if (intent.peer().id().equals(peerId)) {
                sum = sum.add(new BigInteger(Long.toUnsignedString(intent.amount())));
            }
        }
        return sum;
    }

    private long inFlightCount(String peerId) {
        return inFlight.values().stream().filter(i -> i.peer().id().equals(peerId)).count();
    }

    /** Per peer: whether a check is queued or running, and whether another one is wanted. */
    private static final class CheckState {
        final PeerConfig peer;
        final SettlementPolicy policy;
        final AtomicBoolean scheduled = new AtomicBoolean();
        volatile boolean dirty;

        CheckState(PeerConfig peer, SettlementPolicy policy) {
            this.peer = peer;
            this.policy = policy;
        }
    }
}
