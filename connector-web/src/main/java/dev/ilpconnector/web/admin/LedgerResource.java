package dev.ilpconnector.web.admin;

import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.node.NodeAccounting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /admin/ledger}: which ledger backend, whether durable, whether reachable. */
@Path("ledger")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    @Inject
    ConnectorNode node;

    @Inject
    NodeAccounting accounting;

    @GET
    public Response ledger() {
        if (!node.ready()) {
            return ErrorJson.response(503, "node not ready").build();
        }
        return Response.ok(SettlementJson.ledger(accounting.ledgerStatus())).build();
    }
}
