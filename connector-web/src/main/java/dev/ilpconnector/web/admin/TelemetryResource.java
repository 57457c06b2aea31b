package dev.ilpconnector.web.admin;

import dev.ilpconnector.node.ExplorerNode;
import dev.ilpconnector.telemetry.Explorer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /admin/telemetry}: {@code {ring: {capacity, size}, dropped, ringDropped,
 * feedDropped, clients, packetsLogged, packetsSeen, bytesLogged, bytesEvicted}}. {@code dropped}
 * is {@code ringDropped} (events the ring had no room for) plus {@code feedDropped} (feed
 * messages lost to a browser's full queue).
 */
@Path("telemetry")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TelemetryResource {

    @Inject
    ExplorerNode explorer;

    @GET
    public Response telemetry() {
        Explorer e = explorer.explorer();
        return Response.ok(Json.createObjectBuilder()
                .add("ring", Json.createObjectBuilder()
                        .add("capacity", e.ringCapacity())
                        .add("size", e.ringSize()))
                .add("dropped", e.dropped())
                .add("ringDropped", e.ringDropped())
                .add("feedDropped", e.feedDropped())
                .add("clients", e.clients().size())
                .add("packetsLogged", e.log().size())
                .add("packetsSeen", e.log().logged())
                .add("bytesLogged", e.log().bytes())
                .add("bytesEvicted", e.log().bytesEvicted())
                .build()).build();
    }
}
