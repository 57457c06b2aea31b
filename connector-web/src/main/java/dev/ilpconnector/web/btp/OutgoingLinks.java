package dev.ilpconnector.web.btp;

import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.peer.PeerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts one {@link OutgoingLink} per peer that has a BTP URL once the application (and the
 * node) is up, and closes them on shutdown.
 */
@ApplicationScoped
public class OutgoingLinks {

    private static final Logger LOG = Logger.getLogger(OutgoingLinks.class.getName());

    @Inject
    ConnectorNode node;

    @Inject
    BtpRuntime runtime;

    /** First reconnect delay (ms); doubled per failed attempt. */
    @Inject
    @ConfigProperty(name = "btp.reconnect.initial-ms", defaultValue = "500")
    long reconnectInitialMs;

    /** Largest reconnect delay (ms). */
    @Inject
    @ConfigProperty(name = "btp.reconnect.max-ms", defaultValue = "30000")
    long reconnectMaxMs;

    private final List<OutgoingLink> links = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (reconnectInitialMs <= 0 || reconnectMaxMs < reconnectInitialMs) {
            throw new IllegalStateException("btp.reconnect.initial-ms must be > 0 and "
                    + "btp.reconnect.max-ms >= it; got " + reconnectInitialMs + " and "
                    + reconnectMaxMs);
        }
        runtime.schedule(this::startWhenReady, 0);
    }

    /** The node may still be starting; check again after the initial reconnect delay. */
    private void startWhenReady() {
        if (stopped) {
            return;
        }
        if (!node.started()) {
            runtime.schedule(this::startWhenReady, reconnectInitialMs);
            return;
        }
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        for (PeerConfig peer : node.peers().all()) {
            peer.btpUrl().ifPresent(url -> {
                OutgoingLink link = new OutgoingLink(peer.id(), url, container, runtime,
                        new Backoff(reconnectInitialMs, reconnectMaxMs));
                links.add(link);
                LOG.info(() -> "btp.link.start peer=" + peer.id() + " url=" + link.uri());
                link.start();
            });
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        links.forEach(OutgoingLink::stop);
    }
}
