package dev.ilpconnector.web.admin;

import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.node.NodeAccounting;
import dev.ilpconnector.peer.PeerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /admin/balances}: every peer's balance, limit and settlement state. */
@Path("balances")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class BalancesResource {

    @Inject
    ConnectorNode node;

    @Inject
    NodeAccounting accounting;

    @GET
    public Response balances() {
        if (!node.ready()) {
            return ErrorJson.response(503, "node not ready").build();
        }
        JsonArrayBuilder balances = Json.createArrayBuilder();
        try {
            for (PeerConfig peer : node.peers().all()) {
                LedgerCalls.await(accounting.settlements().report(peer))
                        .ifPresent(report -> balances.add(SettlementJson.balance(report)));
            }
        } catch (IllegalStateException e) {
            return ErrorJson.response(503, e.getMessage()).build();
        }
        return Response.ok(balances.build()).build();
    }
}
