package dev.ilpconnector.node;

import dev.ilpconnector.config.ConfigException;
import dev.ilpconnector.config.ExplorerConfig;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.telemetry.Asset;
import dev.ilpconnector.telemetry.Explorer;
import dev.ilpconnector.telemetry.FeedTickets;
import dev.ilpconnector.telemetry.PacketLog;
import dev.ilpconnector.telemetry.StreamView;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The explorer's side of the node: attaches an {@link Explorer} to the node's telemetry at
 * start and runs its pump on the managed scheduler. The admin API and the feed endpoint read
 * the packet log, tickets and clients from here.
 */
@Singleton
@Startup
@DependsOn("ConnectorNode")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ExplorerNode {

    private static final Logger LOG = Logger.getLogger(ExplorerNode.class.getName());

    @EJB
    private ConnectorNode node;
    @Resource
    private ManagedScheduledExecutorService scheduler;

    private Explorer explorer;
    /** The plain node: the pump looks up peers per packet, never through the bean's proxy. */
    private NodeAssembly assembly;
    private ScheduledFuture<?> pump;
    private volatile StreamView streamView;

    @PostConstruct
    void start() {
        Config mpConfig = ConfigProvider.getConfig();
        ExplorerConfig config;
        try {
            config = ExplorerConfig.load(key -> mpConfig.getOptionalValue(key, String.class));
        } catch (ConfigException e) {
            // One line naming the key; the exception stops the application from starting.
            LOG.severe(e.getMessage());
            throw e;
        }
        assembly = node.assembly();
        explorer = new Explorer(config.ringEvents(),
                new PacketLog(config.logPackets(), config.logBytes()),
                new FeedTickets(Clock.systemUTC()), this::asset, System::nanoTime);
        assembly.telemetry().attach(explorer);
        pump = scheduler.scheduleWithFixedDelay(this::pump, config.pumpMs(),
                config.pumpMs(), TimeUnit.MILLISECONDS);
        LOG.info("explorer.started logPackets=" + config.logPackets() + " logBytes="
                + config.logBytes() + " ringEvents=" + explorer.ringCapacity());
    }

    /** A periodic task that throws is never run again: log and carry on. */
    private void pump() {
        try {
            explorer.pump();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "explorer.pump.failed", e);
        }
    }

    private Asset asset(String peerId) {
        PeerConfig peer = assembly.peers().get(peerId);
        return peer == null ? null : new Asset(peer.assetCode(), peer.assetScale());
    }

    @PreDestroy
    void stop() {
        if (pump != null) {
            pump.cancel(false);
        }
        if (explorer != null) {
            assembly.telemetry().detach(explorer);
            explorer.clients().closeAll(1001, "node stopping");
        }
    }

    public Explorer explorer() {
        return explorer;
    }

    /**
     * The agent attaches its STREAM receiver's view when it starts, e.g.
     * {@code (p, r) -> receiver.decrypt(p, r, base).map(x -> new StreamView.Packets(
     * x.request(), x.reply()))}, and detaches it (null) when it stops.
     */
    public void attachStreamView(StreamView view) {
        streamView = view;
    }

    /** The attached view, or null while no receiver is attached. */
    public StreamView streamView() {
        return streamView;
    }
}
