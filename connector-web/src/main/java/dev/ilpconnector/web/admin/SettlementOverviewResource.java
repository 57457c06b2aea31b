package dev.ilpconnector.web.admin;

import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.node.NodeAccounting;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.settlement.ManualSettlement;
import dev.ilpconnector.settlement.Settlements;
import dev.ilpconnector.settlement.evm.EvmNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /admin/settlement}: each peer's engine, the settlements in flight, and the EVM
 * engine's chain, token network, account and token balance (never its key).
 */
@Path("settlement")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SettlementOverviewResource {

    private static final Duration CHAIN_WAIT = Duration.ofSeconds(10);

    @Inject
    ConnectorNode node;

    @Inject
    NodeAccounting accounting;

    @GET
    public Response overview() {
        if (!node.ready()) {
            return ErrorJson.response(503, "node not ready").build();
        }
        JsonObjectBuilder engines = Json.createObjectBuilder();
        for (PeerConfig peer : node.peers().all()) {
            engines.add(peer.id(), node.settlementEngines().engineOf(peer.id())
                    instanceof ManualSettlement ? "manual" : "evm");
        }
        JsonArrayBuilder inFlight = Json.createArrayBuilder();
        for (Settlements.Intent intent : accounting.settlements().inFlight()) {
            inFlight.add(Json.createObjectBuilder()
                    .add("idempotencyKey", intent.idempotencyKey())
                    .add("peer", intent.peer().id())
                    .add("amount", Long.toUnsignedString(intent.amount()))
                    .add("requestedAt", intent.requestedAt().toString()));
        }
        JsonObjectBuilder out = Json.createObjectBuilder().add("engines", engines)
                .add("inFlight", inFlight);
        Optional<EvmNode> evm = node.evm();
        if (evm.isPresent()) {
            EvmNode e = evm.get();
            JsonObjectBuilder chain = Json.createObjectBuilder()
                    .add("chainId", e.config().chainId())
                    .add("tokenNetwork", e.client().tokenNetwork())
                    .add("token", e.config().token())
                    .add("account", e.client().address());
            try {
                BigInteger balance = e.await(() -> e.client().tokenBalance(e.client().address()),
                        CHAIN_WAIT);
                chain.add("tokenBalance", balance.toString());
            } catch (Exception failure) {
                chain.add("chainError", String.valueOf(failure.getMessage()));
            }
            out.add("evm", chain);
        }
        return Response.ok(out.build()).build();
    }
}
