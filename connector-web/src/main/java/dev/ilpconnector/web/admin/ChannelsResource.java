package dev.ilpconnector.web.admin;

import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.settlement.evm.EvmChannels;
import dev.ilpconnector.settlement.evm.EvmChannels.ChannelActionException;
import dev.ilpconnector.settlement.evm.EvmNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A peer's EVM payment channels (docs/settlement-evm.md): {@code GET /admin/peers/{id}/channel}
 * (per direction: id, state, deposit, claimed on chain, best claim, settle-at),
 * {@code POST .../channel/deposit} (body {@code {"amount": "<token units>"}}) and
 * {@code POST .../channel/close} (body {@code {"mode": "cooperative"|"unilateral"}}).
 * 404 for an unknown peer or no channel, 409 for a peer that does not settle on EVM or an
 * action that does not apply, 400 for a bad body, 503 when the chain does not answer.
 */
@Path("peers/{id}/channel")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ChannelsResource {

    /** The chain work of one admin call (approve + deposit, or a close) waits this long. */
    private static final Duration CHAIN_WAIT = Duration.ofSeconds(120);

    @Inject
    ConnectorNode node;

    @GET
    public Response channels(@PathParam("id") String peerId) {
        return withEvm(peerId, evm -> {
            List<EvmChannels.ChannelState> states = evm.await(
                    () -> evm.channels().of(peerId), CHAIN_WAIT);
            JsonArrayBuilder out = Json.createArrayBuilder();
            states.forEach(s -> out.add(SettlementJson.channel(s)));
            return Response.ok(Json.createObjectBuilder().add("peer", peerId)
                    .add("chainId", evm.config().chainId())
                    .add("tokenNetwork", evm.client().tokenNetwork())
                    .add("channels", out).build()).build();
        });
    }

    @POST
    @Path("deposit")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response deposit(@PathParam("id") String peerId, JsonObject body) {
        BigInteger amount;
        try {
            amount = amount(body);
        } catch (IllegalArgumentException e) {
            return ErrorJson.response(400, e.getMessage()).build();
        }
        return withEvm(peerId, evm -> {
            BigInteger total = evm.await(() -> evm.channels().deposit(peerId, amount),
                    CHAIN_WAIT);
            return Response.ok(Json.createObjectBuilder().add("peer", peerId)
                    .add("deposit", total.toString()).build()).build();
        });
    }

    @POST
    @Path("close")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response close(@PathParam("id") String peerId, JsonObject body) {
        String mode = body == null ? "cooperative" : body.getString("mode", "cooperative");
        if (!mode.equals("cooperative") && !mode.equals("unilateral")) {
            return ErrorJson.response(400, "mode must be cooperative or unilateral").build();
        }
        return withEvm(peerId, evm -> {
            String tx = evm.await(() -> evm.channels().close(peerId,
                    mode.equals("cooperative")), CHAIN_WAIT);
            return Response.ok(Json.createObjectBuilder().add("peer", peerId)
                    .add("mode", mode).add("transaction", tx).build()).build();
        });
    }

    private interface Call {
        Response run(EvmNode evm) throws Exception;
    }

    private Response withEvm(String peerId, Call call) {
        if (!node.ready()) {
            return ErrorJson.response(503, "node not ready").build();
        }
        if (node.peers().byId(peerId).isEmpty()) {
            return ErrorJson.response(404, "unknown peer " + peerId).build();
        }
        Optional<EvmNode> evm = node.evm();
        if (evm.isEmpty() || node.settlementEngines().engineOf(peerId)
                != evm.get().engine()) {
            return ErrorJson.response(409, "peer " + peerId + " does not settle on EVM").build();
        }
        try {
            return call.run(evm.get());
        } catch (ChannelActionException e) {
            return ErrorJson.response(e.missing() ? 404 : 409, e.getMessage()).build();
        } catch (Exception e) {
            return ErrorJson.response(503, "chain: " + e.getMessage()).build();
        }
    }

    private static BigInteger amount(JsonObject body) {
        JsonValue raw = body == null ? null : body.get("amount");
        String text = raw instanceof JsonString s ? s.getString()
                : raw == null ? "" : raw.toString();
        if (text.isEmpty() || text.length() > 78 || !text.chars().allMatch(Character::isDigit)
                || new BigInteger(text).signum() == 0) {
            throw new IllegalArgumentException("amount must be a positive integer of token"
                    + " units");
        }
        return new BigInteger(text);
    }
}
