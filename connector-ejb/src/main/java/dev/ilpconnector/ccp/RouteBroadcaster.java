package dev.ilpconnector.ccp;

import dev.ilpconnector.codec.ccp.Ccp;
import dev.ilpconnector.codec.ccp.CcpMode;
import dev.ilpconnector.codec.ccp.CcpRoute;
import dev.ilpconnector.codec.ccp.CcpRouteControlRequest;
import dev.ilpconnector.codec.ccp.CcpRouteUpdateRequest;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.packetswitch.Link;
import dev.ilpconnector.packetswitch.LinkListener;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.packetswitch.Rejects;
import dev.ilpconnector.packetswitch.RouteExchange;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerLimits;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.routing.Route;
import dev.ilpconnector.routing.RoutingTable;
import dev.ilpconnector.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's CCP speaker and receiver (RFC 10), one per node.
 *
 * <p>Receiving: when a link to a peer we may learn from comes up, we send it a route control
 * request in sync mode with the table id and epoch we have of it, and retry until it accepts.
 * Its route updates are applied by {@link RouteReceiver} after the relation rules (a child may
 * announce only prefixes under its own address; nobody but a child announces under ours) and
 * the loop rule (no path through our address). A gap in epochs asks for everything again.
 * Routes of a peer whose link goes down, or that stays silent past its hold-down time, go.
 *
 * <p>Sending: a peer that asked in sync mode gets what changed in our table since the epoch it
 * has, promptly after a change (debounced) and every broadcast interval anyway (its keep-alive
 * of our routes). We announce our own address and every route we would forward on, with our
 * address in front of its path, except back to the peer it came from (split horizon), prefixes
 * under our own address (our address covers them), and, to a parent, routes through parents or
 * peers (we do not offer transit between our upstreams).
 *
 * <p>Threads: every method may be called from any thread; state is guarded by this object's
 * lock, and Prepares are sent after it is released, through the non-blocking {@link Link}
 * API. The switch keeps reading the {@link RoutingTable} lock-free.
 */
public final class RouteBroadcaster implements RouteExchange, LinkListener {

    private static final Logger LOG = Logger.getLogger(RouteBroadcaster.class.getName());
    /** Changes close together go out in one update. */
    static final long DEBOUNCE_MS = 100;
    /** Expiry of the CCP Prepares we send, and how long we wait for their answer. */
    static final Duration REQUEST_EXPIRY = Duration.ofSeconds(10);
    /** First retry of a refused or lost route control request; doubles up to the interval. */
    static final long CONTROL_RETRY_MS = 1_000;
    /** Route update payload budget, well within an ILP Prepare's 32767 data bytes. */
    static final int UPDATE_BYTES_MAX = 30_000;

    private final RoutingTable table;
    private final LinkRegistry links;
    /** Replaced whole (under the lock) when a peer is added or removed at run time. */
    private volatile Map<String, PeerConfig> peers;
    private volatile CcpSettings settings;
    private final Timers timers;
    private final Clock clock;
    private final UUID routingTableId = UUID.randomUUID();
    private final RouteAuth auth = new RouteAuth();
    /** Per configured peer id, how many learned routes it may have (peer.<id>.max-routes). */
    private final Map<String, Integer> maxRoutes;

    // guarded by this
    private IlpAddress self;
    private Rejects rejects;
    private List<Route> configured = List.of();
    private final Map<String, RouteReceiver> receivers = new LinkedHashMap<>();
    private final Map<String, RouteSender> senders = new LinkedHashMap<>();
    private final Set<String> up = new HashSet<>();
    private boolean flushScheduled;
    /** Hears of every table change (the explorer); never blocks. */
    private volatile Telemetry telemetry = Telemetry.NONE;

    public RouteBroadcaster(RoutingTable table, LinkRegistry links, List<PeerConfig> peers,
                            CcpSettings settings, Timers timers, Clock clock) {
        this(table, links, peers, settings, timers, clock, Map.of());
    }

    /**
     * @param limits per peer id, its bounds (a peer missing here has {@link PeerLimits#DEFAULT});
     *               route exchange takes {@link PeerLimits#maxRoutes()}
     */
    public RouteBroadcaster(RoutingTable table, LinkRegistry links, List<PeerConfig> peers,
                            CcpSettings settings, Timers timers, Clock clock,
                            Map<String, PeerLimits> limits) {
        Map<String, Integer> bounds = new HashMap<>();
        for (PeerConfig p : peers) {
            bounds.put(p.id(), limits.getOrDefault(p.id(), PeerLimits.DEFAULT).maxRoutes());
        }
        this.maxRoutes = Map.copyOf(bounds);
        this.table = table;
        this.links = links;
        this.settings = settings;
        this.timers = timers;
        this.clock = clock;
        Map<String, PeerConfig> byId = new LinkedHashMap<>();
        for (PeerConfig p : peers) {
            byId.put(p.id(), p);
            receivers.put(p.id(), new RouteReceiver());
            senders.put(p.id(), new RouteSender());
        }
        this.peers = Collections.unmodifiableMap(byId);
    }

    /**
     * Exchanges routes with a peer added at run time, or takes a changed peer's new settings
     * (a changed peer keeps its session state); the table is recomputed.
     */
    public synchronized void putPeer(PeerConfig peer, PeerRouting routing) {
        Map<String, PeerConfig> next = new LinkedHashMap<>(peers);
        next.put(peer.id(), peer);
        peers = Collections.unmodifiableMap(next);
        settings = settings.withPeer(peer.id(), routing);
        receivers.computeIfAbsent(peer.id(), id -> new RouteReceiver());
        senders.computeIfAbsent(peer.id(), id -> new RouteSender());
        if (links.isConnected(peer.id())) {
            up.add(peer.id());
        }
        recompute();
    }

    /** Stops route exchange with a removed peer; the routes learned from it go. */
    public synchronized void removePeer(String peerId) {
        Map<String, PeerConfig> next = new LinkedHashMap<>(peers);
        next.remove(peerId);
        peers = Collections.unmodifiableMap(next);
        settings = settings.withoutPeer(peerId);
        receivers.remove(peerId);
        senders.remove(peerId);
        up.remove(peerId);
        recompute();
    }

    /** Where table changes are published ({@link Telemetry#NONE} until set). */
    public void setTelemetry(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    /** Our table's id: new at every start, so peers know to ask for everything again. */
    public UUID routingTableId() {
        return routingTableId;
    }

    /** Per peer id, in configuration order: where route exchange with it stands. */
    public synchronized Map<String, PeerExchangeStatus> status() {
        Map<String, PeerExchangeStatus> out = new LinkedHashMap<>();
        for (String peerId : peers.keySet()) {
            RouteSender sender = senders.get(peerId);
            RouteReceiver receiver = receivers.get(peerId);
            boolean any = !receiver.routes().isEmpty();
            out.put(peerId, new PeerExchangeStatus(up.contains(peerId), sender.mode.name(),
                    sender.lastKnownEpoch, receiver.tableId(), receiver.epoch(),
                    receiver.routes().size(), any ? receiver.expiresAt() : null));
        }
        return out;
    }

    /**
     * Starts exchanging routes as {@code address}, with the configured (static and local)
     * routes; called again when either changes. Until the first call, nothing is announced
     * and route messages are refused.
     */
    public void start(IlpAddress address, List<Route> configuredRoutes) {
        synchronized (this) {
            self = address;
            rejects = new Rejects(address);
            configured = List.copyOf(configuredRoutes);
            recompute();
        }
    }

    // ------------------------------------------------------------------ links

    @Override
    public void linkUp(String peerId) {
        synchronized (this) {
            RouteReceiver receiver = receivers.get(peerId);
            if (receiver == null) {
                return;
            }
            up.add(peerId);
            // A new session starts route exchange afresh: the peer may have restarted.
            boolean had = !receiver.routes().isEmpty();
            receiver.newSession();
            senders.get(peerId).reset();
            if (had) {
                recompute();
            }
        }
        // Not on the caller's (WebSocket) thread.
        timers.schedule(this::tick, 0);
    }

    @Override
    public void linkDown(String peerId) {
        synchronized (this) {
            RouteReceiver receiver = receivers.get(peerId);
            if (receiver == null) {
                return;
            }
            up.remove(peerId);
            boolean had = !receiver.routes().isEmpty();
            receiver.newSession();
            senders.get(peerId).reset();
            if (had) {
                LOG.info(() -> "ccp.routes.dropped peer=" + peerId + " reason=link_down");
                recompute();
            }
        }
    }

    // ------------------------------------------------------------------ incoming messages

    @Override
    public IlpResponse handle(PeerConfig source, IlpPrepare prepare) {
        Rejects r;
        synchronized (this) {
            r = rejects;
        }
        if (r == null) {
            // No address yet (waiting for our parent): nothing to announce, nothing to check.
            return Rejects.anonymous().reject(IlpErrorCode.T00_INTERNAL_ERROR,
                    "route exchange not started yet");
        }
        if (!peers.containsKey(source.id())) {
            return r.reject(IlpErrorCode.F00_BAD_REQUEST, "no route exchange with peer "
                    + source.id() + " (not configured at start-up)");
        }
        PeerRouting routing = settings.peer(source.id());
        Instant now = clock.instant();
        try {
            if (Ccp.isControlRequest(prepare)) {
                if (!routing.sendRoutes()) {
                    return r.reject(IlpErrorCode.F00_BAD_REQUEST, "we send no routes to peer "
                            + source.id() + " (peer." + source.id() + ".send-routes)");
                }
                onControl(source.id(), Ccp.decodeControlRequest(prepare, now));
                return Ccp.fulfill();
            }
            if (Ccp.isUpdateRequest(prepare)) {
                if (!routing.receiveRoutes()) {
                    return r.reject(IlpErrorCode.F00_BAD_REQUEST, "we accept no routes from peer "
                            + source.id() + " (peer." + source.id() + ".receive-routes)");
                }
                RouteReceiver.Outcome outcome = onUpdate(source,
                        Ccp.decodeUpdateRequest(prepare, now), now);
                if (outcome == null) {
                    // It raced with link down: its routes would outlive the link.
                    return r.reject(IlpErrorCode.T01_PEER_UNREACHABLE, "link to peer "
                            + source.id() + " is not up");
                }
                if (outcome == RouteReceiver.Outcome.TOO_MANY) {
                    return r.reject(IlpErrorCode.F00_BAD_REQUEST, "update refused: more than "
                            + "peer." + source.id() + ".max-routes ("
                            + maxRoutes(source.id()) + ") routes");
                }
                return Ccp.fulfill();
            }
        } catch (CodecException e) {
            LOG.fine(() -> "ccp.malformed peer=" + source.id() + " reason=\"" + e.getMessage()
                    + "\"");
            return r.reject(IlpErrorCode.F01_INVALID_PACKET, e.getMessage());
        }
        return r.reject(IlpErrorCode.F02_UNREACHABLE,
                "unknown peer protocol " + prepare.destination().value());
    }

    private void onControl(String peerId, CcpRouteControlRequest control) {
        synchronized (this) {
            RouteSender sender = senders.get(peerId);
            if (sender == null) {
                return; // the peer was removed meanwhile
            }
            long current = table.epoch();
            sender.mode = control.mode();
            // An unknown table or an epoch we never had: the peer gets everything.
            boolean known = control.lastKnownRoutingTableId().equals(routingTableId)
                    && control.lastKnownEpoch() <= current;
            sender.lastKnownEpoch = known ? control.lastKnownEpoch() : 0;
            sender.lastSent = Instant.MIN;
            LOG.fine(() -> "ccp.control peer=" + peerId + " mode=" + control.mode()
                    + " fromEpoch=" + sender.lastKnownEpoch + " epoch=" + current);
            if (control.mode() == CcpMode.SYNC) {
                scheduleFlush(0);
            }
        }
    }

    /** @return what the update did; null, changing nothing, when the peer's link is not up */
    private RouteReceiver.Outcome onUpdate(PeerConfig source, CcpRouteUpdateRequest update,
                                           Instant now) {
        List<Runnable> sends = new ArrayList<>();
        RouteReceiver.Outcome outcome;
        synchronized (this) {
            if (!up.contains(source.id())) {
                return null;
            }
            RouteReceiver receiver = receivers.get(source.id());
            long before = receiver.changes();
            outcome = receiver.apply(update, now, route -> acceptable(source, route),
                    maxRoutes(source.id()));
            tooMany(source.id(), receiver, outcome);
            LOG.fine(() -> "ccp.update peer=" + source.id() + " fromEpoch="
                    + update.fromEpochIndex() + " toEpoch=" + update.toEpochIndex() + " new="
                    + update.newRoutes().size() + " withdrawn=" + update.withdrawnRoutes().size()
                    + " outcome=" + outcome);
            if (outcome == RouteReceiver.Outcome.GAP && !receiver.controlInFlight) {
                // An epoch gap: changes are missing; ask for the whole table again.
                receiver.resync();
                sends.add(control(source.id(), receiver));
            }
            if (before != receiver.changes()) {
                recompute();
            }
        }
        if (!sends.isEmpty()) {
            // This runs on the thread that delivered the update: send from a timer instead.
            timers.schedule(() -> sendAll(sends), 0);
        }
        return outcome;
    }

    /** The peer's route bound; a peer added at run time has the default. */
    private int maxRoutes(String peerId) {
        return maxRoutes.getOrDefault(peerId, PeerLimits.MAX_ROUTES_DEFAULT);
    }

    /** Caller holds the lock. Says once that the peer went past its bound, once it is back. */
    private void tooMany(String peerId, RouteReceiver receiver, RouteReceiver.Outcome outcome) {
        if (outcome == RouteReceiver.Outcome.TOO_MANY && !receiver.overLimitLogged) {
            receiver.overLimitLogged = true;
            LOG.warning(() -> "ccp.update.refused peer=" + peerId + " reason=max_routes routes="
                    + receiver.refusedSize() + " max=" + maxRoutes(peerId)
                    + " key=peer." + peerId + ".max-routes");
        } else if (outcome == RouteReceiver.Outcome.APPLIED && receiver.overLimitLogged) {
            receiver.overLimitLogged = false;
            LOG.info(() -> "ccp.update.accepted peer=" + peerId + " reason=within_max_routes");
        }
    }

    /** The relation and loop rules for a route the peer announced. */
    private boolean acceptable(PeerConfig source, CcpRoute route) {
        String prefix = route.prefix();
        if (prefix.indexOf('.') < 0) {
            return false; // a whole allocation scheme: that is a default route, configured only
        }
        if (route.path().contains(self.value())) {
            return false; // the route runs through us: a loop
        }
        if (source.relation() == Relation.CHILD) {
            return covers(self.value() + "." + source.id(), prefix);
        }
        return !covers(self.value(), prefix);
    }

    /** Segment-aware: {@code prefix} is {@code space} or under it. */
    private static boolean covers(String space, String prefix) {
        return prefix.equals(space) || prefix.startsWith(space + ".");
    }

    // ------------------------------------------------------------------ table

    /** Caller holds the lock. Publishes the selected routes; a change is broadcast soon. */
    private void recompute() {
        if (self == null) {
            return;
        }
        Map<String, Map<String, CcpRoute>> learned = new LinkedHashMap<>();
        for (Map.Entry<String, RouteReceiver> e : receivers.entrySet()) {
            learned.put(e.getKey(), e.getValue().routes());
        }
        long before = table.epoch();
        table.setRoutes(RouteSelection.select(configured, learned, settings));
        if (table.epoch() != before) {
            LOG.fine(() -> "ccp.table epoch=" + table.epoch() + " routes="
                    + table.routes().size());
            telemetry.routesChanged(table.epoch());
            scheduleFlush(DEBOUNCE_MS);
        }
    }

    // ------------------------------------------------------------------ timers

    /** Caller holds the lock. */
    private void scheduleFlush(long delayMs) {
        if (!flushScheduled) {
            flushScheduled = true;
            timers.schedule(this::flush, delayMs);
        }
    }

    /** Sends what changed to every peer in sync mode that does not have it yet. */
    void flush() {
        List<Runnable> sends = new ArrayList<>();
        synchronized (this) {
            flushScheduled = false;
            RoutingTable.TableState state = table.state();
            for (Map.Entry<String, RouteSender> e : senders.entrySet()) {
                RouteSender sender = e.getValue();
                if (canSend(e.getKey(), sender) && sender.lastKnownEpoch < state.epoch()) {
                    sends.add(update(e.getKey(), sender, state));
                }
            }
        }
        sendAll(sends);
    }

    /**
     * The periodic duty (about every second): drops routes past their hold-down time, retries
     * route control requests, and sends each peer in sync mode an update at least every
     * broadcast interval.
     */
    public void tick() {
        List<Runnable> sends = new ArrayList<>();
        synchronized (this) {
            if (self == null) {
                return;
            }
            Instant now = clock.instant();
            boolean changed = false;
            for (Map.Entry<String, RouteReceiver> e : receivers.entrySet()) {
                String peerId = e.getKey();
                RouteReceiver receiver = e.getValue();
                if (!receiver.routes().isEmpty() && now.isAfter(receiver.expiresAt())) {
                    LOG.info(() -> "ccp.routes.dropped peer=" + peerId + " reason=expired");
                    receiver.forget();
                    changed = true;
                }
                if (up.contains(peerId) && settings.peer(peerId).receiveRoutes()
                        && !receiver.controlAcknowledged && !receiver.controlInFlight
                        && !now.isBefore(receiver.nextControlAt)) {
                    sends.add(control(peerId, receiver));
                }
            }
            if (changed) {
                recompute();
            }
            RoutingTable.TableState state = table.state();
            long interval = settings.broadcastInterval().toMillis();
            for (Map.Entry<String, RouteSender> e : senders.entrySet()) {
                RouteSender sender = e.getValue();
                if (canSend(e.getKey(), sender)
                        && !now.isBefore(sender.lastSent.plusMillis(interval))) {
                    sends.add(update(e.getKey(), sender, state));
                }
            }
        }
        sendAll(sends);
    }

    /** Caller holds the lock. */
    private boolean canSend(String peerId, RouteSender sender) {
        return self != null && sender.mode == CcpMode.SYNC && !sender.inFlight
                && up.contains(peerId) && settings.peer(peerId).sendRoutes();
    }

    // ------------------------------------------------------------------ outgoing messages

    /** Caller holds the lock. Builds the control request now; the returned task sends it. */
    private Runnable control(String peerId, RouteReceiver receiver) {
        receiver.controlInFlight = true;
        receiver.controlAttempts++;
        CcpRouteControlRequest request = new CcpRouteControlRequest(CcpMode.SYNC,
                receiver.tableId(), receiver.epoch(), List.of());
        IlpPrepare prepare = Ccp.controlRequest(request, clock.instant().plus(REQUEST_EXPIRY));
        LOG.fine(() -> "ccp.control.send peer=" + peerId + " epoch=" + request.lastKnownEpoch());
        int session = receiver.session;
        return () -> send(peerId, prepare,
                problem -> controlDone(peerId, receiver, session, problem));
    }

    /** {@code problem}: why the peer did not take it, null when it did. */
    private void controlDone(String peerId, RouteReceiver receiver, int session,
                             String problem) {
        boolean ok = problem == null;
        synchronized (this) {
            if (session != receiver.session) {
                return; // the link went down since: the new session asks again itself
            }
            receiver.controlInFlight = false;
            receiver.controlAcknowledged = ok;
            if (!ok) {
                long wait = Math.min(settings.broadcastInterval().toMillis(),
                        CONTROL_RETRY_MS << Math.min(receiver.controlAttempts - 1, 10));
                receiver.nextControlAt = clock.instant().plusMillis(wait);
                timers.schedule(this::tick, wait);
                // Said once per link: an operator wonders why a peer's routes never come.
                Level level = receiver.controlAttempts == 1 ? Level.INFO : Level.FINE;
                LOG.log(level, () -> "ccp.control.refused peer=" + peerId + " retryMs=" + wait
                        + " reason=\"" + problem + "\"");
            } else {
                receiver.controlAttempts = 0;
            }
        }
    }

    /** Caller holds the lock. Builds the update now; the returned task sends it. */
    private Runnable update(String peerId, RouteSender sender, RoutingTable.TableState state) {
        long from = sender.lastKnownEpoch;
        CcpRouteUpdateRequest request = buildUpdate(peers.get(peerId), state, from);
        IlpPrepare prepare = Ccp.updateRequest(request, clock.instant().plus(REQUEST_EXPIRY));
        long to = request.toEpochIndex();
        sender.inFlight = true;
        sender.lastKnownEpoch = to;
        sender.lastSent = clock.instant();
        LOG.fine(() -> "ccp.update.send peer=" + peerId + " fromEpoch=" + from + " toEpoch="
                + to + " new=" + request.newRoutes().size() + " withdrawn="
                + request.withdrawnRoutes().size());
        int session = sender.session;
        return () -> send(peerId, prepare,
                problem -> updateDone(peerId, sender, session, from, to, problem == null));
    }

    private void updateDone(String peerId, RouteSender sender, int session, long from, long to,
                            boolean ok) {
        synchronized (this) {
            if (session != sender.session) {
                return; // the link went down since: the peer asks again, from its epoch
            }
            sender.inFlight = false;
            if (!ok && sender.lastKnownEpoch == to) {
                // Not taken: send these changes again next time (RFC 10 keeps no other state).
                sender.lastKnownEpoch = from;
                LOG.fine(() -> "ccp.update.refused peer=" + peerId);
            } else if (sender.lastKnownEpoch < table.epoch()) {
                scheduleFlush(0);
            }
        }
    }

    /**
     * The changes since {@code from} as the peer should see them, oldest first, cut before the
     * first change that would not fit one update; the peer gets the rest next.
     */
    private CcpRouteUpdateRequest buildUpdate(PeerConfig peer, RoutingTable.TableState state,
                                              long from) {
        List<CcpRoute> newRoutes = new ArrayList<>();
        List<String> withdrawn = new ArrayList<>();
        long to = state.epoch();
        int bytes = 0;
        long lastEpoch = from;
        for (String prefix : state.changedSince(from)) {
            long changed = state.changedAt(prefix);
            CcpRoute announced = announced(peer, state.routes().get(prefix));
            int size = announced == null ? prefix.length() + 2 : estimate(announced);
            // Every prefix has its own epoch, so the update can end before any of them.
            if (bytes + size > UPDATE_BYTES_MAX && lastEpoch > from) {
                to = lastEpoch;
                break;
            }
            bytes += size;
            lastEpoch = changed;
            if (announced != null) {
                newRoutes.add(announced);
            } else if (!prefix.isEmpty() && Ccp.prefixProblem(prefix) == null) {
                withdrawn.add(prefix);
            }
        }
        return new CcpRouteUpdateRequest(routingTableId, state.epoch(), from, to,
                settings.routeExpiry().toMillis(), self.value(), newRoutes, withdrawn);
    }

    private static int estimate(CcpRoute route) {
        int size = route.prefix().length() + 40;
        for (String hop : route.path()) {
            size += hop.length() + 2;
        }
        return size;
    }

    /** Caller holds the lock. How we announce {@code route} to {@code peer}; null: we don't. */
    private CcpRoute announced(PeerConfig peer, Route route) {
        if (route == null || route.prefix().indexOf('.') < 0) {
            return null; // withdrawn, or a default route (ours alone)
        }
        String me = self.value();
        String prefix = route.prefix();
        switch (route.source()) {
            case LOCAL:
                return new CcpRoute(prefix, List.of(me), auth.own(prefix));
            case STATIC:
                if (!announceable(peer, route, me)) {
                    return null;
                }
                return new CcpRoute(prefix, List.of(me), auth.own(prefix));
            default:
                if (!announceable(peer, route, me)) {
                    return null;
                }
                List<String> path = new ArrayList<>(route.path().size() + 1);
                path.add(me);
                path.addAll(route.path());
                CcpRoute learned = receivers.get(route.nextHop()).routes().get(prefix);
                return new CcpRoute(prefix, path, learned == null ? auth.own(prefix)
                        : auth.forwarded(learned.auth()));
        }
    }

    private boolean announceable(PeerConfig peer, Route route, String me) {
        if (route.nextHop().equals(peer.id()) || covers(me, route.prefix())) {
            return false; // split horizon; our own address space is announced as one prefix
        }
        if (peer.relation() == Relation.PARENT) {
            PeerConfig via = peers.get(route.nextHop());
            return via == null || via.relation() == Relation.CHILD;
        }
        return true;
    }

    // ------------------------------------------------------------------ sending

    private void sendAll(List<Runnable> sends) {
        for (Runnable send : sends) {
            send.run();
        }
    }

    /**
     * Sends through the peer's link; {@code done} gets null when the peer fulfilled it, else
     * what went wrong.
     */
    private void send(String peerId, IlpPrepare prepare, Consumer<String> done) {
        Link link = links.link(peerId);
        if (link == null || !link.isConnected()) {
            done.accept("link down");
            return;
        }
        CompletableFuture<IlpResponse> answer;
        try {
            answer = link.sendPrepare(prepare);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.orTimeout(REQUEST_EXPIRY.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, failure) -> {
                    String problem = null;
                    if (failure != null) {
                        problem = "no answer: " + failure;
                    } else if (response instanceof IlpReject reject) {
                        problem = "rejected " + reject.code().code() + " " + reject.message();
                    } else if (!Ccp.isResponse((IlpFulfill) response)) {
                        problem = "fulfilled without the peer protocol fulfillment";
                    }
                    if (problem != null) {
                        String why = problem;
                        LOG.fine(() -> "ccp.send.failed peer=" + peerId + " destination="
                                + prepare.destination() + " reason=\"" + why + "\"");
                    }
                    done.accept(problem);
                });
    }
}
