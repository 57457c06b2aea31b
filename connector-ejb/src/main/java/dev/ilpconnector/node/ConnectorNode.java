package dev.ilpconnector.node;

import dev.ilpconnector.accounting.LedgerAccounting;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.config.ConfigException;
import dev.ilpconnector.config.LedgerConfig;
import dev.ilpconnector.config.NodeConfig;
import dev.ilpconnector.config.NodeConfigLoader;
import dev.ilpconnector.config.TigerBeetleConfig;
import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.ledger.LedgerStatus;
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
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
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
    private LedgerAccounting accounting;
    private PacketSwitch packetSwitch;
    private volatile boolean ready;

    @PostConstruct
    void start() {
        Config mpConfig = ConfigProvider.getConfig();
        try {
            config = NodeConfigLoader.load(key -> mpConfig.getOptionalValue(key, String.class));
            ledger = NodeLedgers.open(
                    TigerBeetleConfig.load(key -> mpConfig.getOptionalValue(key, String.class)),
                    LedgerConfig.load(key -> mpConfig.getOptionalValue(key, String.class)),
                    threadFactory, scheduler);
        } catch (ConfigException e) {
            // One line naming the key; the exception stops the application from starting.
            LOG.severe(e.getMessage());
            throw e;
        }
        IlpAddress address = config.address();
        peers = new PeerDirectory(config.peers());
        PeerProtocols peerProtocols = new PeerProtocols(address);
        routes = new RoutingTable();
        routes.setRoutes(NodeRoutes.initial(address, config.peers(), peerProtocols));
        links = new LinkRegistry();
        accounting = new LedgerAccounting(ledger, config.peers(), Clock.systemUTC());
        if (ledger instanceof EmbeddedLedger embedded) { // TigerBeetle expires by itself
            sweep = scheduler.scheduleAtFixedRate(embedded::sweepExpired, SWEEP_INTERVAL_MS,
                    SWEEP_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
        packetSwitch = new PacketSwitch(config.settings(), peers, routes, links, accounting,
                peerProtocols, new NoLocalReceiver(address), Clock.systemUTC());
        ready = true;
        LOG.info("node=" + config.nodeId() + " address=" + address.value() + " peers="
                + config.peers().size() + " status=ready");
    }

    @PreDestroy
    void stop() {
        ready = false;
        if (sweep != null) {
            sweep.cancel(false);
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
