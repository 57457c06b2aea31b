package dev.ilpconnector.node;

import dev.ilpconnector.ccp.RouteBroadcaster;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.config.ConfigException;
import dev.ilpconnector.ledger.LedgerStatus;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.packetswitch.LocalDeliverySlot;
import dev.ilpconnector.packetswitch.PacketSwitch;
import dev.ilpconnector.packetswitch.Rejects;
import dev.ilpconnector.packetswitch.SubProtocols;
import dev.ilpconnector.peer.PeerDirectory;
import dev.ilpconnector.routing.RoutingTable;
import dev.ilpconnector.settlement.ManualSettlement;
import dev.ilpconnector.settlement.PeerEngines;
import dev.ilpconnector.settlement.evm.EvmNode;
import dev.ilpconnector.settlement.Settlements;
import dev.ilpconnector.telemetry.TelemetryHub;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The node's lifecycle in the container: builds the {@link NodeAssembly} from MicroProfile
 * Config with the container's managed scheduler and thread factory at application start, and
 * closes it at the end. Bean-managed concurrency: the container must not serialise callers
 * behind a singleton lock.
 *
 * <p>The packet path does not come through here: the BTP layer asks once for
 * {@link #assembly()} and calls the plain object. The accessors below delegate to it for the
 * admin API, health checks and the other modules (each call through this bean's proxy costs a
 * container interceptor chain, so nothing per packet should use them).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Chain I/O of the settlement engines (blocking JSON-RPC, receipts): its own bounded pool, so a
// slow chain never holds the threads that run timers, ledger continuations and checks.
@ManagedScheduledExecutorDefinition(name = ConnectorNode.SETTLEMENT_EXECUTOR, maxAsync = 4)
public class ConnectorNode {

    static final String SETTLEMENT_EXECUTOR = "java:app/concurrent/settlement";

    private static final Logger LOG = Logger.getLogger(ConnectorNode.class.getName());

    @Resource
    private ManagedScheduledExecutorService scheduler;
    @Resource(lookup = SETTLEMENT_EXECUTOR)
    private ManagedScheduledExecutorService settlementExecutor;
    /** Gives the ledger journal its writer thread (container-managed, not a pool thread). */
    @Resource
    private ManagedThreadFactory threadFactory;

    private volatile NodeAssembly assembly;

    @PostConstruct
    void start() {
        Config mpConfig = ConfigProvider.getConfig();
        try {
            assembly = NodeAssembly.start(key -> mpConfig.getOptionalValue(key, String.class),
                    threadFactory, scheduler, settlementExecutor, Clock.systemUTC());
        } catch (ConfigException e) {
            // One line naming the key; the exception stops the application from starting.
            LOG.severe(e.getMessage());
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        NodeAssembly running = assembly;
        if (running != null) {
            running.close();
        }
    }

    /**
     * The plain-Java node. Hold on to it: calls on it are direct, calls on this bean go through
     * the container.
     */
    public NodeAssembly assembly() {
        NodeAssembly running = assembly;
        if (running == null) {
            throw new IllegalStateException("node not started");
        }
        return running;
    }

    /** Config loaded, ledger up: links may connect (the address may still be unknown). */
    public boolean started() {
        NodeAssembly running = assembly;
        return running != null && running.started();
    }

    /** The node has its address and forwards packets. */
    public boolean ready() {
        NodeAssembly running = assembly;
        return running != null && running.ready();
    }

    /** Why the node is not ready, or null when it is. */
    public String notReadyReason() {
        NodeAssembly running = assembly;
        return running == null ? "starting" : running.notReadyReason();
    }

    /** Our address; null while it is not known yet (see {@link #ready()}). */
    public IlpAddress address() {
        return assembly().address();
    }

    /** The packet switch; null until the node is ready. */
    public PacketSwitch packetSwitch() {
        return assembly().packetSwitch();
    }

    /** See {@link NodeAssembly#handle}; the BTP layer calls the assembly directly. */
    public CompletableFuture<IlpResponse> handle(String sourcePeerId, IlpPrepare prepare) {
        return assembly().handle(sourcePeerId, prepare);
    }

    /** The rejects of this node, signed by our address once we have one. */
    public Rejects rejects() {
        return assembly().rejects();
    }

    /** The BTP sub-protocols every link speaks besides ilp; settlement engines register here. */
    public SubProtocols subProtocols() {
        return assembly().subProtocols();
    }

    /** Where observers (metrics, explorer) attach to hear of packets, links and settlements. */
    public TelemetryHub telemetry() {
        return assembly().telemetry();
    }

    /**
     * Prepares for the node's own address go here; the agent runtime attaches its receiver when
     * it starts and detaches it when it stops (until then: F02).
     */
    public LocalDeliverySlot localDelivery() {
        return assembly().localDelivery();
    }

    public PeerDirectory peers() {
        return assembly().peers();
    }

    /** Adds, changes and removes peers at run time (the admin API). */
    public RuntimePeers runtimePeers() {
        return assembly().runtimePeers();
    }

    public LinkRegistry links() {
        return assembly().links();
    }

    public RoutingTable routes() {
        return assembly().routes();
    }

    /** Balance policy, settlements in flight, incoming settlements, ledger status. */
    public Settlements settlements() {
        return assembly().settlements();
    }

    /** Which engine settles with each peer (manual, EVM). */
    public PeerEngines settlementEngines() {
        return assembly().settlementEngines();
    }

    /** The EVM engine; empty when no peer settles on EVM. */
    public Optional<EvmNode> evm() {
        return assembly().evm();
    }

    /** The settlement requests waiting for an operator. */
    public ManualSettlement manualSettlement() {
        return assembly().manualSettlement();
    }

    /** The CCP speaker: its routing table id is what peers see of {@link #routes()}. */
    public RouteBroadcaster routeBroadcaster() {
        return assembly().routeBroadcaster();
    }

    /** Which ledger, whether durable, whether reachable now; never blocks. */
    public LedgerStatus ledgerStatus() {
        return assembly().ledgerStatus();
    }

    /**
     * The peer's balance as the ledger has it now.
     *
     * @throws IllegalArgumentException for an unknown peer
     * @throws IllegalStateException    when the ledger does not answer in time
     */
    public PeerBalance balance(String peerId) {
        return assembly().balance(peerId);
    }
}
