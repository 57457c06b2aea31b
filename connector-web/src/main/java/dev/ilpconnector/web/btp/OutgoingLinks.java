package dev.ilpconnector.web.btp;

import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.packetswitch.Link;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerListener;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    private final Map<String, OutgoingLink> links = new ConcurrentHashMap<>();
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
        // Peers added, changed or removed at run time are dialled, redialled or hung up on.
        node.peers().addListener(new PeerListener() {
            @Override
            public void peerAdded(PeerConfig peer) {
                dial(peer, container);
            }

            @Override
            public void peerChanged(PeerConfig before, PeerConfig after) {
                hangUp(before.id(), "peer changed");
                dial(after, container);
            }

            @Override
            public void peerRemoved(PeerConfig peer) {
                hangUp(peer.id(), "peer removed");
            }
        });
        for (PeerConfig peer : node.peers().all()) {
            dial(peer, container);
        }
    }

    private void dial(PeerConfig peer, WebSocketContainer container) {
        if (stopped) {
            return;
        }
        peer.btpUrl().ifPresent(url -> {
            OutgoingLink link = new OutgoingLink(peer.id(), url, container, runtime,
                    new Backoff(reconnectInitialMs, reconnectMaxMs));
            OutgoingLink old = links.put(peer.id(), link);
            if (old != null) {
                old.stop();
            }
            LOG.info(() -> "btp.link.start peer=" + peer.id() + " url=" + link.uri());
            link.start();
        });
    }

    /** Stops dialling the peer and ends its current session, whoever dialled. */
    private void hangUp(String peerId, String reason) {
        OutgoingLink outgoing = links.remove(peerId);
        if (outgoing != null) {
            outgoing.stop();
        }
        Link current = node.links().link(peerId);
        if (current != null) {
            current.close(reason);
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        links.values().forEach(OutgoingLink::stop);
    }
}
