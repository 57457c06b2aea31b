package dev.ilpconnector.web.admin;

import dev.ilpconnector.node.ExplorerNode;
import dev.ilpconnector.telemetry.FeedTickets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /admin/explorer/tickets} → {@code {"ticket": "...", "expiresInMs": 30000}}: a
 * one-time ticket for {@code /explorer/feed?ticket=...}, since a browser cannot send the bearer
 * token on a WebSocket upgrade. 429 when too many unused tickets are open.
 */
@Path("explorer/tickets")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ExplorerTicketsResource {

    @Inject
    ExplorerNode explorer;

    @POST
    public Response issue() {
        try {
            String ticket = explorer.explorer().tickets().issue();
            return Response.ok(Json.createObjectBuilder()
                    .add("ticket", ticket)
                    .add("expiresInMs", FeedTickets.TTL.toMillis())
                    .build()).header("Cache-Control", "no-store").build();
        } catch (IllegalStateException e) {
            return ErrorJson.response(429, e.getMessage()).build();
        }
    }
}
