package dev.ilpconnector.web.health;

import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.peer.PeerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The links we dial, each as {@code <peer>.connected} and {@code <peer>.url} (the WebSocket URI,
 * which never holds the token). Always UP: a down peer must not make the node unready (see the
 * package documentation). One check for all links rather than one per link because MP Health
 * checks are beans fixed at deployment while peers are run-time data.
 */
@Readiness
@ApplicationScoped
public class BtpLinksCheck implements HealthCheck {

    static final String NAME = "btp-links";

    @Inject
    ConnectorNode node;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        if (!node.ready()) {
            return response.build();
        }
        int configured = 0;
        int connected = 0;
        for (PeerConfig peer : node.peers().all()) {
            if (peer.btpUrl().isEmpty()) {
                continue;
            }
            boolean up = node.links().isConnected(peer.id());
            configured++;
            connected += up ? 1 : 0;
            response.withData(peer.id() + ".connected", up)
                    .withData(peer.id() + ".url", peer.btpUrl().get().webSocketUri().toString());
        }
        return response.withData("configured", configured).withData("connected", connected)
                .build();
    }
}
