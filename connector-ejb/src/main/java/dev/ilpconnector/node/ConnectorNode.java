package dev.ilpconnector.node;

import dev.ilpconnector.accounting.LedgerAccounting;
import dev.ilpconnector.ccp.RouteBroadcaster;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.config.ConfigException;
import dev.ilpconnector.config.NodeConfig;
import dev.ilpconnector.config.NodeConfigLoader;
import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.packetswitch.PacketSwitch;
import dev.ilpconnector.packetswitch.PeerProtocols;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerDirectory;
import dev.ilpconnector.routing.RoutingTable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Clock;
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
    /** Route expiry, control retries and keep-alives are checked this often. */
    private static final long CCP_TICK_MS = 1_000;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private NodeConfig config;
    private PeerDirectory peers;
    private RoutingTable routes;
    private LinkRegistry links;
    private EmbeddedLedger ledger;
    private ScheduledFuture<?> sweep;
    private RouteBroadcaster broadcaster;
    private ScheduledFuture<?> ccpTick;
    private LedgerAccounting accounting;
    private PacketSwitch packetSwitch;
    private volatile boolean ready;

    @PostConstruct
    void start() {
        Config mpConfig = ConfigProvider.getConfig();
        try {
            config = NodeConfigLoader.load(key -> mpConfig.getOptionalValue(key, String.class));
        } catch (ConfigException e) {
            // One line naming the key; the exception stops the application from starting.
            LOG.severe(e.getMessage());
            throw e;
        }
        IlpAddress address = config.address();
        peers = new PeerDirectory(config.peers());
        routes = new RoutingTable();
        links = new LinkRegistry();
        broadcaster = new RouteBroadcaster(routes, links, config.peers(), config.ccp(),
                (task, delayMs) -> scheduler.schedule(logged(task), delayMs,
                        TimeUnit.MILLISECONDS),
                Clock.systemUTC());
        PeerProtocols peerProtocols = new PeerProtocols(address, broadcaster);
        broadcaster.start(address, NodeRoutes.initial(address, config.peers(), peerProtocols));
        links.addListener(broadcaster);
        ccpTick = scheduler.scheduleAtFixedRate(logged(broadcaster::tick), CCP_TICK_MS,
                CCP_TICK_MS, TimeUnit.MILLISECONDS);
        ledger = new EmbeddedLedger();
        accounting = new LedgerAccounting(ledger, config.peers(), Clock.systemUTC());
        sweep = scheduler.scheduleAtFixedRate(ledger::sweepExpired, SWEEP_INTERVAL_MS,
                SWEEP_INTERVAL_MS, TimeUnit.MILLISECONDS);
        packetSwitch = new PacketSwitch(config.settings(), peers, routes, links, accounting,
                peerProtocols, new NoLocalReceiver(address), Clock.systemUTC());
        ready = true;
        LOG.warning("ledger=embedded durable=false: balances live in memory only and are lost on"
                + " restart");
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

    public boolean ready() {
        return ready;
    }

    public IlpAddress address() {
        return config.address();
    }

    public PacketSwitch packetSwitch() {
        return packetSwitch;
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

    /** The CCP speaker: its routing table id is what peers see of {@link #routes()}. */
    public RouteBroadcaster routeBroadcaster() {
        return broadcaster;
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
