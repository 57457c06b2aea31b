package dev.ilpconnector.node;

import dev.ilpconnector.accounting.LedgerAccounting;
import dev.ilpconnector.accounting.SettlementLedger;
import dev.ilpconnector.ccp.RouteBroadcaster;
import dev.ilpconnector.ccp.Timers;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.config.ConfigException;
import dev.ilpconnector.config.LedgerConfig;
import dev.ilpconnector.config.NodeConfig;
import dev.ilpconnector.config.NodeConfigLoader;
import dev.ilpconnector.config.SettlementConfigLoader;
import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.config.TigerBeetleConfig;
import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.ledger.LedgerStatus;
import dev.ilpconnector.packetswitch.LinkListener;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.packetswitch.LocalDeliverySlot;
import dev.ilpconnector.packetswitch.PacketSwitch;
import dev.ilpconnector.packetswitch.PeerProtocols;
import dev.ilpconnector.packetswitch.Rejects;
import dev.ilpconnector.packetswitch.SubProtocols;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerDirectory;
import dev.ilpconnector.routing.RoutingTable;
import dev.ilpconnector.config.SettlementChoice;
import dev.ilpconnector.settlement.ManualSettlement;
import dev.ilpconnector.settlement.PeerEngines;
import dev.ilpconnector.settlement.SettlementPolicy;
import dev.ilpconnector.settlement.Settlements;
import dev.ilpconnector.telemetry.TelemetryHub;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The node: built once at application start from MicroProfile Config, then shared read-only by
 * every BTP session, admin call and health check. Bean-managed concurrency: the container must
 * not serialise the packet path behind a singleton lock.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ConnectorNode {

    private static final Logger LOG = Logger.getLogger(ConnectorNode.class.getName());
    /** The embedded ledger starts no threads; expired holds are released by this sweep. */
    private static final long SWEEP_INTERVAL_MS = 1_000;
    /** An admin balance query waits this long for the ledger. */
    private static final long BALANCE_TIMEOUT_MS = 5_000;
    /**
     * Route expiry, control retries and keep-alives are checked this often (the config checks
     * the broadcast interval and route expiry against it).
     */
    private static final long CCP_TICK_MS = NodeConfigLoader.CCP_TICK_MS;

    @Resource
    private ManagedScheduledExecutorService scheduler;
    /** Gives the ledger journal its writer thread (container-managed, not a pool thread). */
    @Resource
    private ManagedThreadFactory threadFactory;

    private NodeConfig config;
    private PeerDirectory peers;
    private RoutingTable routes;
    private LinkRegistry links;
    private Ledger ledger;
    private ScheduledFuture<?> sweep;
    private RouteBroadcaster broadcaster;
    private ScheduledFuture<?> ccpTick;
    private LedgerAccounting accounting;
    private volatile PacketSwitch packetSwitch;
    private ManualSettlement manualSettlement;
    private PeerEngines settlementEngines;
    private Settlements settlements;
    private final SubProtocols subProtocols = new SubProtocols();
    private final TelemetryHub telemetry = new TelemetryHub();
    private final LocalDeliverySlot localDelivery =
            new LocalDeliverySlot(new NoLocalReceiver(this::rejects));
    private volatile IlpAddress address;
    private volatile ParentAddress parentAddress;
    private volatile boolean started;
    private volatile boolean ready;

    @PostConstruct
    void start() {
        Config mpConfig = ConfigProvider.getConfig();
        Map<String, SettlementPolicy> policies;
        SettlementChoice choice;
        try {
            config = NodeConfigLoader.load(key -> mpConfig.getOptionalValue(key, String.class));
            policies = SettlementConfigLoader.load(
                    key -> mpConfig.getOptionalValue(key, String.class), config.peers());
            LedgerConfig ledgerConfig =
                    LedgerConfig.load(key -> mpConfig.getOptionalValue(key, String.class));
            choice = SettlementConfigLoader.engines(
                    key -> mpConfig.getOptionalValue(key, String.class), config.peers(),
                    ledgerConfig.dir());
            ledger = NodeLedgers.open(
                    TigerBeetleConfig.load(key -> mpConfig.getOptionalValue(key, String.class)),
                    ledgerConfig, threadFactory, scheduler);
        } catch (ConfigException e) {
            // One line naming the key; the exception stops the application from starting.
            LOG.severe(e.getMessage());
            throw e;
        }
        peers = new PeerDirectory(config.peers());
        routes = new RoutingTable();
        links = new LinkRegistry();
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
        Timers timers = (task, delayMs) -> scheduler.schedule(logged(task), delayMs,
                TimeUnit.MILLISECONDS);
        broadcaster = new RouteBroadcaster(routes, links, config.peers(), config.ccp(), timers,
                Clock.systemUTC());
        links.addListener(broadcaster);
        ccpTick = scheduler.scheduleAtFixedRate(logged(broadcaster::tick), CCP_TICK_MS,
                CCP_TICK_MS, TimeUnit.MILLISECONDS);
        accounting = new LedgerAccounting(ledger, config.peers(), Clock.systemUTC());
        if (ledger instanceof EmbeddedLedger embedded) { // TigerBeetle expires by itself
            sweep = scheduler.scheduleAtFixedRate(embedded::sweepExpired, SWEEP_INTERVAL_MS,
                    SWEEP_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
        manualSettlement = new ManualSettlement(Clock.systemUTC());
        try {
            settlementEngines = SettlementAssembly.engines(choice, manualSettlement);
        } catch (ConfigException e) {
            LOG.severe(e.getMessage());
            throw e;
        }
        settlements = new Settlements(new SettlementLedger(ledger, config.peers()),
                settlementEngines, config.peers(), policies, scheduler, Clock.systemUTC(),
                telemetry);
        settlements.start();
        started = true;
        if (config.address().isPresent()) {
            becomeReady(config.address().get());
        } else {
            // RFC 31: the parent tells us our address once its link is up; until then the
            // node runs its links but is not ready.
            PeerConfig parent = config.parent().orElseThrow();
            parentAddress = new ParentAddress(parent.id(), parent.assetCode(),
                    parent.assetScale(), links, timers, Clock.systemUTC(),
                    answer -> becomeReady(answer.clientAddress()));
            links.addListener(parentAddress);
            LOG.info("node=" + config.nodeId() + " address=none parent=" + parent.id()
                    + " status=waiting_for_address");
        }
    }

    /** Builds the packet path for {@code address}; the node is ready afterwards. */
    private synchronized void becomeReady(IlpAddress address) {
        if (ready) {
            return;
        }
        PeerProtocols peerProtocols = new PeerProtocols(address, broadcaster);
        broadcaster.start(address, NodeRoutes.initial(address, config.peers(), peerProtocols));
        packetSwitch = new PacketSwitch(config.settings(address), peers, routes, links,
                settlements.watch(accounting), peerProtocols, localDelivery, Clock.systemUTC(),
                telemetry);
        this.address = address;
        ready = true;
        LOG.info("node=" + config.nodeId() + " address=" + address.value() + " peers="
                + config.peers().size() + " status=ready");
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

    @PreDestroy
    void stop() {
        ready = false;
        started = false;
        if (sweep != null) {
            sweep.cancel(false);
        }
        if (ccpTick != null) {
            ccpTick.cancel(false);
        }
        if (ledger != null) {
            ledger.close();
        }
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
     * it starts and detaches it when it stops (until then: F02).
     */
    public LocalDeliverySlot localDelivery() {
        return localDelivery;
    }

    public PeerDirectory peers() {
        return peers;
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

    /** The settlement requests waiting for an operator. */
    public ManualSettlement manualSettlement() {
        return manualSettlement;
    }

    /** Which engine settles with each peer (manual, EVM). */
    public PeerEngines settlementEngines() {
        return settlementEngines;
    }

    /** The CCP speaker: its routing table id is what peers see of {@link #routes()}. */
    public RouteBroadcaster routeBroadcaster() {
        return broadcaster;
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
