package dev.ilpconnector.web.admin;

import dev.ilpconnector.ledger.TransferResult;
import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.node.NodeAccounting;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.settlement.ManualSettlement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Outgoing settlements waiting for an operator (manual settlement): {@code GET
 * /admin/settlements} lists them; {@code POST /admin/settlements/{key}/confirm} (paid, body
 * {@code {"reference": "..."}} optional) posts the intent, {@code .../fail} (body
 * {@code {"reason": "..."}} optional) voids it; 409 for a peer settled by a chain engine.
 */
@Path("settlements")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SettlementsResource {

    @Inject
    ConnectorNode node;

    @Inject
    NodeAccounting accounting;

    @GET
    public Response open() {
        if (!node.ready()) {
            return ErrorJson.response(503, "node not ready").build();
        }
        JsonArrayBuilder open = Json.createArrayBuilder();
        for (ManualSettlement.Open request : node.manualSettlement().open()) {
            open.add(SettlementJson.openSettlement(request));
        }
        return Response.ok(open.build()).build();
    }

    @POST
    @Path("{key}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response confirm(@PathParam("key") String key, JsonObject body) {
        return finish(key, true, body);
    }

    @POST
    @Path("{key}/fail")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response fail(@PathParam("key") String key, JsonObject body) {
        return finish(key, false, body);
    }

    private Response finish(String key, boolean settled, JsonObject body) {
        if (!node.ready()) {
            return ErrorJson.response(503, "node not ready").build();
        }
        String detail;
        try {
            detail = settled ? SettlementJson.text(body, "reference", "confirmed by operator")
                    : SettlementJson.text(body, "reason", "failed by operator");
        } catch (IllegalArgumentException e) {
            return ErrorJson.response(400, e.getMessage()).build();
        }
        // A chain engine pays by itself: an operator's word must not post or void its intent,
        // in flight or waiting for the chain (keys are <peer>-<asset>-<scale>-<n>).
        Optional<String> chainPeer = node.peers().all().stream()
                .filter(peer -> key.startsWith(peer.id() + "-" + peer.assetCode() + "-"
                        + peer.assetScale() + "-"))
                .map(PeerConfig::id)
                .filter(peer -> !(node.settlementEngines().engineOf(peer)
                        instanceof ManualSettlement))
                .findFirst();
        if (chainPeer.isPresent()) {
            return ErrorJson.response(409, "settlement " + key + " of peer " + chainPeer.get()
                    + " is paid by its chain engine, not by hand").build();
        }
        // Taken before the outcome is given: finishing removes the settlement from the list.
        Optional<CompletionStage<TransferResult>> finished = accounting.settlements().finished(key);
        ManualSettlement manual = node.manualSettlement();
        boolean open = finished.isPresent()
                && (settled ? manual.confirm(key, detail) : manual.fail(key, detail));
        if (!open) {
            return ErrorJson.response(404, "no open settlement " + key).build();
        }
        try {
            TransferResult result = LedgerCalls.await(finished.get());
            JsonObject json = Json.createObjectBuilder()
                    .add("idempotencyKey", key)
                    .add("status", settled ? "settled" : "failed")
                    .add("ledger", result.name())
                    .build();
            return Response.ok(json).build();
        } catch (IllegalStateException e) {
            return ErrorJson.response(503, e.getMessage()).build();
        }
    }
}
