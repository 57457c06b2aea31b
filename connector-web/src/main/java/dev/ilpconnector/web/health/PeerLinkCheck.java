package dev.ilpconnector.web.health;

import dev.ilpconnector.node.ConnectorNode;
import jakarta.enterprise.inject.spi.CDI;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The link to one peer we dial, as check {@code btp-link-<peer>}. Always UP with the link state
 * in its data: a remote peer being down must not take this node out of service (its children
 * and other peers still need it), so readiness never depends on it. Anyone may read
 * {@code /health/ready}: the data says whether the link is up and nothing about where the peer
 * is (its URL is in the admin API).
 */
final class PeerLinkCheck implements HealthCheck {

    static final String NAME_PREFIX = "btp-link-";

    private final String peerId;
    private final Supplier<ConnectorNode> node;

    PeerLinkCheck(String peerId, Supplier<ConnectorNode> node) {
        this.peerId = peerId;
        this.node = node;
    }

    /**
     * The node, looked up when a check runs. Called from this class, never from a lambda in the
     * extension {@link PeerLinkChecks}: {@code CDI.current()} may pick the bean manager by the
     * calling class (Weld's default does), and Payara places an extension class in more than one
     * bean archive of an EAR, so a lookup from there fails every readiness call with
     * WELD-001327 ("Unable to identify the correct BeanManager").
     */
    static ConnectorNode currentNode() {
        return CDI.current().select(ConnectorNode.class).get();
    }

    @Override
    public HealthCheckResponse call() {
        ConnectorNode n = node.get();
        boolean connected = n.started() && n.links().isConnected(peerId);
        return HealthCheckResponse.named(NAME_PREFIX + peerId).up()
                .withData("connected", connected)
                .build();
    }
}
