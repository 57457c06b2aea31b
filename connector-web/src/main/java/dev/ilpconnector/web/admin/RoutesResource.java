package dev.ilpconnector.web.admin;

import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.node.NodeRouting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /admin/routes}: the routing table as the switch sees it now, with the table id and
 * epoch peers learn it under (CCP).
 */
@Path("routes")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class RoutesResource {

    @Inject
    ConnectorNode node;

    @Inject
    NodeRouting routing;

    @GET
    public Response routes() {
        if (!node.started()) {
            return ErrorJson.response(503, "node not started")
                    .build();
        }
        return Response.ok(AdminJson.routes(routing.routeBroadcaster().routingTableId(),
                routing.routes().state(), routing.routeBroadcaster().status())).build();
    }
}
