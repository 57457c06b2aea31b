package dev.ilpconnector.agent;

import dev.ilpconnector.agent.spsp.HealthResource;
import dev.ilpconnector.agent.spsp.SpspResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The agent port's HTTP face: SPSP at the root and the business logic's health. */
@ApplicationPath("/")
public class AgentApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(SpspResource.class, HealthResource.class);
    }
}
