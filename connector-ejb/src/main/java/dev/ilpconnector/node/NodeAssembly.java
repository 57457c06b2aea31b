package dev.ilpconnector.node;

import dev.ilpconnector.accounting.LedgerAccounting;
import dev.ilpconnector.accounting.SettlementLedger;
import dev.ilpconnector.ccp.RouteBroadcaster;
import dev.ilpconnector.ccp.Timers;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.config.AgentConfig;
import dev.ilpconnector.config.ConfigException;
import dev.ilpconnector.config.LedgerConfig;
import dev.ilpconnector.config.NodeConfig;
import dev.ilpconnector.config.NodeConfigLoader;
import dev.ilpconnector.config.PeerLimitsLoader;
import dev.ilpconnector.config.PeerOverlay;
import dev.ilpconnector.config.SettlementConfigLoader;
import dev.ilpconnector.config.TigerBeetleConfig;
import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.ledger.LedgerStatus;
import dev.ilpconnector.packetswitch.LinkListener;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.packetswitch.LocalDeliverySlot;
import dev.ilpconnector.packetswitch.PacketSwitch;
import dev.ilpconnector.packetswitch.PeerProtocols;
import dev.ilpconnector.packetswitch.PeerRateLimits;
import dev.ilpconnector.packetswitch.Rejects;
import dev.ilpconnector.packetswitch.SubProtocols;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerDirectory;
import dev.ilpconnector.peer.PeerLimits;
import dev.ilpconnector.peer.PeerStore;
import dev.ilpconnector.routing.RoutingTable;
import dev.ilpconnector.config.SettlementChoice;
import dev.ilpconnector.settlement.ManualSettlement;
import dev.ilpconnector.settlement.PeerEngines;
import dev.ilpconnector.settlement.evm.EvmNode;
import dev.ilpconnector.settlement.SettlementPolicy;
import dev.ilpconnector.settlement.Settlements;
import dev.ilpconnector.telemetry.TelemetryHub;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's parts wired in plain Java: config → ledger → accounting → routing → switch →
 * links, from a key lookup and the executors the container lends. The EJB singletons
 * ({@link ConnectorNode}, {@link NodeRouting}, {@link NodeAccounting}) own its lifecycle and
 * show its faces; the BTP layer holds this object itself, so no packet crosses a container
 * proxy. Unit tests build it from a map.
 *
 * <p>Thread safety: built and closed by one thread; every accessor and {@link #handle} may be
 * called from any thread afterwards.
 */
public final class NodeAssembly implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeAssembly.class.getName());
    /** The embedded ledger starts no threads; expired holds are released by this sweep. */
    private static final long SWEEP_INTERVAL_MS = 1_000;
    /** An admin balance query waits this long for the ledger. */
    private static final long BALANCE_TIMEOUT_MS = 5_000;
    /**
     * A peer's balance is checked against its settlement threshold at most this often while
     * packets are fulfilled: each check reads the ledger. A settlement starts at most this much
     * later than the packet that crossed the threshold.
     */
    private static final Duration SETTLEMENT_CHECK_INTERVAL = Duration.ofMillis(100);
    /**
     * Route expiry, control retries and keep-alives are checked this often (the config checks
     * the broadcast interval and route expiry against it).
     */
    private static final long CCP_TICK_MS = NodeConfigLoader.CCP_TICK_MS;
    /** A drain waits the max hold time plus this for the last commits to reach the disk. */
    private static final Duration DRAIN_MARGIN = Duration.ofSeconds(1);

    private final NodeConfig config;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final PeerDirectory peers;
    private final RoutingTable routes = new RoutingTable();
    private final LinkRegistry links = new LinkRegistry();
    private final Ledger ledger;
    private final RouteBroadcaster broadcaster;
    private final LedgerAccounting accounting;
    private final ManualSettlement manualSettlement;
    private final Settlements settlements;
    private final PeerEngines settlementEngines;
    private final Optional<EvmNode> evm;
    private final RuntimePeers runtimePeers;
    private PeerProtocols peerProtocols;
    private final SubProtocols subProtocols = new SubProtocols();
    private final TelemetryHub telemetry = new TelemetryHub();
    private final LocalDeliverySlot localDelivery =
            new LocalDeliverySlot(new NoLocalReceiver(this::rejects, this::agentExpected));
    private final AgentConfig agent;
    private final Timers timers;
    private ScheduledFuture<?> sweep;
    private ScheduledFuture<?> ccpTick;
    private volatile PacketSwitch packetSwitch;
    /** Each peer's packet and amount rates (peer.<id>.max-*-per-second). */
    private final PeerRateLimits rateLimits;
    private volatile IlpAddress address;
    private volatile ParentAddress parentAddress;
    private volatile boolean started;
    private volatile boolean ready;

    private NodeAssembly(NodeConfig config, Map<String, SettlementPolicy> policies,
                         Map<String, PeerLimits> limits, AgentConfig agent, Ledger ledger,
                         SettlementChoice choice, ScheduledExecutorService scheduler,
                         ScheduledExecutorService settlementExecutor, Clock clock,
                         PeerStore peerStore, PeerStore.Changes peerChanges,
                         Function<String, Optional<String>> baseConfig) {
        this.config = config;
        this.rateLimits = new PeerRateLimits(limits, System::nanoTime);
        this.agent = agent;
        this.ledger = ledger;
        this.scheduler = scheduler;
        this.clock = clock;
        this.peers = new PeerDirectory(config.peers());
        links.addListener(new LinkListener() {
            @Override
            public void linkUp(String peerId) {
                telemetry.linkChanged(peerId, true);
            }

            @Override
            public void linkDown(String peerId) {
                telemetry.linkChanged(peerId, false);
            }
        });
        this.timers = (task, delayMs) -> scheduler.schedule(logged(task), delayMs,
                TimeUnit.MILLISECONDS);
        this.broadcaster = new RouteBroadcaster(routes, links, config.peers(), config.ccp(),
                timers, clock, limits);
        broadcaster.setTelemetry(telemetry);
        links.addListener(broadcaster);
        this.accounting = new LedgerAccounting(ledger, config.peers(), clock);
        this.manualSettlement = new ManualSettlement(clock);
        this.evm = SettlementAssembly.evm(choice, links, peers::byId, settlementExecutor);
        try {
            this.settlementEngines = SettlementAssembly.engines(choice, manualSettlement, evm);
        } catch (RuntimeException e) {
            evm.ifPresent(EvmNode::close);
            throw e;
        }
        SettlementLedger settlementLedger = new SettlementLedger(ledger, config.peers());
        this.settlements = new Settlements(settlementLedger, settlementEngines, config.peers(),
                policies, scheduler, timers, SETTLEMENT_CHECK_INTERVAL, clock);
        settlements.setTelemetry(telemetry);
        evm.ifPresent(node -> node.start(subProtocols, (peer, amount, key) ->
                settlements.recordIncoming(peer, amount, key)));
        this.runtimePeers = new RuntimePeers(peers, accounting, settlementLedger, settlements,
                broadcaster, this::configuredRoutesChanged, peerStore, peerChanges, baseConfig);
    }

    /**
     * Reads the configuration, opens the ledger and starts route exchange and settlement; the
     * node is ready at once when its address is configured, else once its parent tells it.
     *
     * @param lookup    config keys (MicroProfile Config in the server, a map in tests)
     * @param threads   gives the embedded ledger's journal its writer thread
     * @param scheduler runs timers, settlement checks and TigerBeetle's continuations
     * @throws dev.ilpconnector.config.ConfigException naming the first bad key
     */
    public static NodeAssembly start(Function<String, Optional<String>> lookup,
                                     ThreadFactory threads, ScheduledExecutorService scheduler,
                                     Clock clock) {
        return start(lookup, threads, scheduler, scheduler, clock);
    }

    /**
     * As {@link #start(Function, ThreadFactory, ScheduledExecutorService, Clock)}, with the
     * executor that runs settlement engines' chain I/O.
     */
    public static NodeAssembly start(Function<String, Optional<String>> lookup,
                                     ThreadFactory threads, ScheduledExecutorService scheduler,
                                     ScheduledExecutorService settlementExecutor, Clock clock) {
        LedgerConfig ledgerConfig = LedgerConfig.load(lookup);
        // Peers changed at run time are kept beside the ledger and read as config.
        PeerStore peerStore = ledgerConfig.dir().map(PeerStore::in)
                .orElse(PeerStore.memoryOnly());
        PeerStore.Changes peerChanges = loadPeerChanges(peerStore);
        Function<String, Optional<String>> withChanges = PeerOverlay.over(lookup, peerChanges);
        NodeConfig config = NodeConfigLoader.load(withChanges);
        Map<String, SettlementPolicy> policies = SettlementConfigLoader.load(withChanges,
                config.peers());
        Map<String, PeerLimits> limits = PeerLimitsLoader.load(withChanges, config.peers());
        AgentConfig agent = AgentConfig.load(lookup, config);
        SettlementChoice choice = SettlementConfigLoader.engines(withChanges, config.peers(),
                ledgerConfig.dir());
        Ledger ledger = NodeLedgers.open(TigerBeetleConfig.load(lookup), ledgerConfig,
                threads, scheduler);
        NodeAssembly node;
        try {
            node = new NodeAssembly(config, policies, limits, agent, ledger, choice, scheduler,
                    settlementExecutor, clock, peerStore, peerChanges, lookup);
        } catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
        node.run();
        return node;
    }

    private void run() {
        ccpTick = scheduler.scheduleAtFixedRate(logged(broadcaster::tick), CCP_TICK_MS,
                CCP_TICK_MS, TimeUnit.MILLISECONDS);
        if (ledger instanceof EmbeddedLedger embedded) { // TigerBeetle expires by itself
            sweep = scheduler.scheduleAtFixedRate(logged(embedded::sweepExpired),
                    SWEEP_INTERVAL_MS, SWEEP_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
        settlements.start();
        started = true;
        if (config.address().isPresent()) {
            becomeReady(config.address().get());
        } else {
            // RFC 31: the parent tells us our address once its link is up; until then the
            // node runs its links but is not ready.
            PeerConfig parent = config.parent().orElseThrow();
            parentAddress = new ParentAddress(parent.id(), parent.assetCode(),
                    parent.assetScale(), links, timers, clock,
                    answer -> becomeReady(answer.clientAddress()));
            links.addListener(parentAddress);
            LOG.info("node=" + config.nodeId() + " address=none parent=" + parent.id()
                    + " status=waiting_for_address");
        }
    }

    /** Builds the packet path for {@code address}; the node is ready afterwards. */
    private synchronized void becomeReady(IlpAddress address) {
        if (ready || !started) {
            return;
        }
        peerProtocols = new PeerProtocols(address, broadcaster);
        broadcaster.start(address, NodeRoutes.initial(address, peers.all(), peerProtocols));
        packetSwitch = new PacketSwitch(config.settings(address), peers, routes, links,
                settlements.watch(accounting), peerProtocols, localDelivery, clock, telemetry,
                scheduler, rateLimits);
        this.address = address;
        ready = true;
        LOG.info("node=" + config.nodeId() + " address=" + address.value() + " peers="
                + config.peers().size() + " status=ready");
    }

    /** A peer was added, changed or removed at run time: its static routes follow. */
    private synchronized void configuredRoutesChanged() {
        if (ready) {
            broadcaster.start(address, NodeRoutes.initial(address, peers.all(), peerProtocols));
        }
    }

    /** A store that cannot be read stops start-up with one line, like a bad config key. */
    private static PeerStore.Changes loadPeerChanges(PeerStore store) {
        try {
            return store.load();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new ConfigException(LedgerConfig.LEDGER_DIR, "holds an unreadable "
                    + PeerStore.FILE_NAME + ": " + e.getMessage());
        }
    }

    /** A task that logs what it throws: a periodic task that throws is never run again. */
    private static Runnable logged(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "scheduled task failed", e);
            }
        };
    }

    /**
     * Graceful shutdown, first half: new Prepares are refused ({@code T03}) and the ones in
     * flight get up to the max hold time to be answered, so every Fulfill that goes upstream
     * was committed to the ledger first. Idempotent; the links stay up meanwhile.
     *
     * @return true when nothing is left in flight
     */
    public boolean drain() {
        PacketSwitch current = packetSwitch;
        if (current == null) {
            return true;
        }
        return current.drain(config.settings(address).maxHoldTime().plus(DRAIN_MARGIN));
    }

    /**
     * Drains (see {@link #drain}), stops the timers and closes the ledger (its journal writes
     * what it has first).
     */
    @Override
    public synchronized void close() {
        drain();
        ready = false;
        started = false;
        if (sweep != null) {
            sweep.cancel(false);
        }
        if (ccpTick != null) {
            ccpTick.cancel(false);
        }
        evm.ifPresent(EvmNode::close);
        ledger.close();
    }

    /** The validated configuration this node runs with. */
    public NodeConfig config() {
        return config;
    }

    /** Config loaded, ledger up: links may connect (the address may still be unknown). */
    public boolean started() {
        return started;
    }

    /** The node has its address and forwards packets. */
    public boolean ready() {
        return ready;
    }

    /** Why the node is not ready, or null when it is. */
    public String notReadyReason() {
        if (ready) {
            return null;
        }
        if (!started) {
            return "starting";
        }
        ParentAddress source = parentAddress;
        return source == null ? "starting" : source.status();
    }

    /** Our address; null while it is not known yet (see {@link #ready()}). */
    public IlpAddress address() {
        return address;
    }

    /** The packet switch; null until the node is ready. */
    public PacketSwitch packetSwitch() {
        return packetSwitch;
    }

    /**
     * Where the links hand incoming Prepares: the switch once the node is ready. Before, the
     * node has no address to route by or to sign rejects with, so it refuses with T00.
     */
    public CompletableFuture<IlpResponse> handle(String sourcePeerId, IlpPrepare prepare) {
        PacketSwitch current = packetSwitch;
        if (current == null) {
            return CompletableFuture.completedFuture(Rejects.anonymous().reject(
                    IlpErrorCode.T00_INTERNAL_ERROR, "node has no ILP address yet"));
        }
        return current.handle(sourcePeerId, prepare);
    }

    /** The rejects of this node, signed by our address once we have one. */
    public Rejects rejects() {
        PacketSwitch current = packetSwitch;
        return current == null ? Rejects.anonymous() : current.rejects();
    }

    /** The BTP sub-protocols every link speaks besides ilp; settlement engines register here. */
    public SubProtocols subProtocols() {
        return subProtocols;
    }

    /** Where observers (metrics, explorer) attach to hear of packets, links and settlements. */
    public TelemetryHub telemetry() {
        return telemetry;
    }

    /**
     * Prepares for the node's own address go here; the agent runtime attaches its receiver when
     * it starts and detaches it when it stops (until then: F02, or T00 with local delivery on).
     */
    public LocalDeliverySlot localDelivery() {
        return localDelivery;
    }

    /** The agent runtime's configuration (docs/agent.md). */
    public AgentConfig agentConfig() {
        return agent;
    }

    /** Local delivery is on: until the agent attaches, its packets wait for it (T00). */
    private boolean agentExpected() {
        return agent.localDeliveryEnabled();
    }

    public PeerDirectory peers() {
        return peers;
    }

    /** Adds, changes and removes peers at run time (the admin API). */
    public RuntimePeers runtimePeers() {
        return runtimePeers;
    }

    public LinkRegistry links() {
        return links;
    }

    public RoutingTable routes() {
        return routes;
    }

    /** Balance policy, settlements in flight, incoming settlements, ledger status. */
    public Settlements settlements() {
        return settlements;
    }

    /** Which engine settles with each peer (manual, EVM). */
    public PeerEngines settlementEngines() {
        return settlementEngines;
    }

    /** The EVM engine; empty when no peer settles on EVM. */
    public Optional<EvmNode> evm() {
        return evm;
    }

    /** The settlement requests waiting for an operator. */
    public ManualSettlement manualSettlement() {
        return manualSettlement;
    }

    /** The CCP speaker: its routing table id is what peers see of {@link #routes()}. */
    public RouteBroadcaster routeBroadcaster() {
        return broadcaster;
    }

    /** The switch's holds as ledger transfers. */
    public LedgerAccounting accounting() {
        return accounting;
    }

    /** Which ledger, whether durable, whether reachable now; never blocks. */
    public LedgerStatus ledgerStatus() {
        return ledger.status();
    }

    /**
     * The peer's balance as the ledger has it now.
     *
     * @throws IllegalArgumentException for an unknown peer
     * @throws IllegalStateException    when the ledger does not answer in time
     */
    public PeerBalance balance(String peerId) {
        PeerConfig peer = peers.byId(peerId).orElseThrow(
                () -> new IllegalArgumentException("unknown peer " + peerId));
        try {
            AccountBalance b = accounting.balance(peer).toCompletableFuture()
                    .get(BALANCE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .orElseThrow(() -> new IllegalStateException("no account for " + peerId));
            return new PeerBalance(peerId, b.netPosted(), b.debitsPending(), b.creditsPending(),
                    peer.minBalance(), peer.assetCode(), peer.assetScale());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("ledger did not answer: " + e, e);
        }
    }
}
