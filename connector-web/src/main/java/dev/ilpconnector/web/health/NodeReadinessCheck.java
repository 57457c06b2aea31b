package dev.ilpconnector.web.health;

import dev.ilpconnector.node.ConnectorNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the node has its configuration, ledger and address ({@code node.ready()}); while
 * not, the check says why (e.g. still asking the parent for our address by IL-DCP).
 */
@Readiness
@ApplicationScoped
public class NodeReadinessCheck implements HealthCheck {

    static final String NAME = "connector-node";

    @Inject
    ConnectorNode node;

    @Override
    public HealthCheckResponse call() {
        // One read: the node may become ready between two calls, and a null reason would fail
        // the check instead of reporting it.
        String reason = node.notReadyReason();
        boolean ready = reason == null;
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(ready);
        if (ready) {
            response.withData("address", node.address().value());
        } else {
            response.withData("reason", reason);
        }
        return response.build();
    }
}
