package dev.ilpconnector.agent.spsp;

import dev.ilpconnector.agent.AgentRuntime;
import dev.ilpconnector.agent.stream.AgentDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /health} on the agent port: the agent and its business logic
 * ({@code {BUSINESS_LOGIC_URL}/health}). 200 UP or 503 DOWN with the reason. Separate from the
 * node's {@code /health/ready}: a business logic that is down never makes the node unready.
 */
@Path("health")
@ApplicationScoped
public class HealthResource {

    @Inject
    AgentRuntime agent;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> health() {
        if (!agent.on()) {
            return CompletableFuture.completedFuture(report(false, "local delivery is off"
                    + " (BUSINESS_LOGIC_URL unset or LOCAL_DELIVERY_ENABLED=false)", null));
        }
        AgentDelivery.Receiving at = agent.receiving();
        return agent.businessLogic().health().thenApply(why -> {
            if (why != null) {
                return report(false, why, at);
            }
            return report(at.on(), at.offReason(), at);
        });
    }

    private static Response report(boolean up, String reason, AgentDelivery.Receiving at) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("status", up ? "UP" : "DOWN");
        if (reason != null) {
            body.add("reason", reason);
        }
        if (at != null && at.on()) {
            body.add("baseAddress", at.baseAddress().value());
        }
        return Response.status(up ? 200 : 503).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body.build().toString()).build();
    }
}
