package dev.ilpconnector.node;

import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.config.ConfigException;
import dev.ilpconnector.config.NodeConfig;
import dev.ilpconnector.config.NodeConfigLoader;
import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.packetswitch.PacketSwitch;
import dev.ilpconnector.packetswitch.PeerProtocols;
import dev.ilpconnector.peer.PeerDirectory;
import dev.ilpconnector.routing.RoutingTable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.time.Clock;
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

    private NodeConfig config;
    private PeerDirectory peers;
    private RoutingTable routes;
    private LinkRegistry links;
    private Ledger ledger;
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
        PeerProtocols peerProtocols = new PeerProtocols(address);
        routes = new RoutingTable();
        routes.setRoutes(NodeRoutes.initial(address, config.peers(), peerProtocols));
        links = new LinkRegistry();
        ledger = new EmbeddedLedger(Clock.systemUTC());
        accounting = new LedgerAccounting(ledger, config.peers());
        packetSwitch = new PacketSwitch(config.settings(), peers, routes, links, accounting,
                peerProtocols, new NoLocalReceiver(address), Clock.systemUTC());
        ready = true;
        LOG.info("node=" + config.nodeId() + " address=" + address.value() + " peers="
                + config.peers().size() + " ledger=embedded(in-memory) status=ready");
    }

    @PreDestroy
    void stop() {
        ready = false;
        try {
            ledger.close();
        } catch (Exception e) {
            LOG.warning("ledger close failed: " + e);
        }
    }

    public boolean ready() {
        return ready;
    }

    public NodeConfig config() {
        return config;
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

    /** The peer's balance as the ledger has it now. */
    public PeerBalance balance(String peerId) {
        return accounting.balance(peers.byId(peerId).orElseThrow(
                () -> new IllegalArgumentException("unknown peer " + peerId)));
    }
}
