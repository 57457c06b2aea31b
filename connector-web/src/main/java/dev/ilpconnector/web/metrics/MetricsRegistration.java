package dev.ilpconnector.web.metrics;

import dev.ilpconnector.metrics.PacketMetrics;
import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.telemetry.TelemetryHub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Attaches the node's metrics to its telemetry hub when the web module starts, with one balance
 * and one link gauge per configured peer, and detaches them when it stops.
 */
@ApplicationScoped
public class MetricsRegistration {

    private static final Logger LOG = Logger.getLogger(MetricsRegistration.class.getName());

    @Inject
    ConnectorNode node;

    @Inject
    MetricRegistry registry;

    private PacketMetrics metrics;
    /** Kept from the start: at shutdown the node's bean may already be gone. */
    private TelemetryHub hub;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!node.started()) {
            return; // the node did not come up (its log says why): nothing to count
        }
        metrics = new PacketMetrics(new MpMetricsBackend(registry));
        for (PeerConfig peer : node.peers().all()) {
            String id = peer.id();
            metrics.peer(id, node, n -> balance(n, id),
                    n -> n.links().isConnected(id) ? 1 : 0);
        }
        hub = node.telemetry();
        hub.attach(metrics);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (hub != null) {
            hub.detach(metrics);
        }
    }

    /** Read at scrape time; NaN when the ledger does not answer (the scrape must not fail). */
    private static double balance(ConnectorNode node, String peerId) {
        try {
            return node.balance(peerId).balance().doubleValue();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "metrics.balance.unavailable peer=" + peerId, e);
            return Double.NaN;
        }
    }
}
