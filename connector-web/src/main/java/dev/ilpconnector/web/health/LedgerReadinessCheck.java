package dev.ilpconnector.web.health;

import dev.ilpconnector.ledger.LedgerStatus;
import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.node.NodeAccounting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while the ledger cannot be reached (a TigerBeetle cluster that stopped answering):
 * packets are then refused T00, so traffic is better sent elsewhere. Liveness stays UP: the
 * node recovers by itself when the cluster is back, a restart would not help.
 */
@Readiness
@ApplicationScoped
public class LedgerReadinessCheck implements HealthCheck {

    static final String NAME = "ledger";

    @Inject
    ConnectorNode node;

    @Inject
    NodeAccounting accounting;

    @Override
    public HealthCheckResponse call() {
        if (!node.ready()) {
            return HealthCheckResponse.named(NAME).down().build();
        }
        LedgerStatus status = accounting.ledgerStatus();
        // Anyone may read /health: the detail (data directory, cluster addresses, last error)
        // is for operators and stays in GET /admin/ledger.
        return HealthCheckResponse.named(NAME).status(status.reachable())
                .withData("backend", status.backend())
                .withData("durable", status.durable())
                .build();
    }
}
