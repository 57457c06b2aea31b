package dev.ilpconnector.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the application answers: a node that is merely starting or has lost its peers is
 * alive (a restart would not help it), so this check is not tied to readiness or links.
 */
@Liveness
@ApplicationScoped
public class NodeLivenessCheck implements HealthCheck {

    static final String NAME = "connector-process";

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).up()
                .withData("uptimeMs", ManagementFactory.getRuntimeMXBean().getUptime())
                .build();
    }
}
