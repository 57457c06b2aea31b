package dev.ilpconnector.web.admin;

import dev.ilpconnector.accounting.SettlementLedger;
import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.node.NodeAccounting;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.settlement.BalanceReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * One peer's account: {@code GET /admin/peers/{id}/balance} and
 * {@code POST /admin/peers/{id}/settlements}, which records a settlement the peer made to us
 * off-ledger ({@code {"amount": "..."}} with an {@code Idempotency-Key} header).
 */
@Path("peers/{id}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class PeerAccountResource {

    /** Keys live in transfer ids only as a hash; this bounds what we hash and log. */
    static final int IDEMPOTENCY_KEY_CHARS_MAX = 255;

    @Inject
    ConnectorNode node;

    @Inject
    NodeAccounting accounting;

    /** Visible ASCII only: the key goes into log lines, where a line break would forge one. */
    static boolean isValidKey(String key) {
        return key != null && !key.isEmpty() && key.length() <= IDEMPOTENCY_KEY_CHARS_MAX
                && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** {@code POST /admin/peers/{id}}: adds a peer (docs/explorer.md, "Peers at run time"). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("id") String peerId, JsonObject body) {
        return PeerChanges.put(node, peerId, body, true);
    }

    /** {@code PUT /admin/peers/{id}}: replaces a peer's settings. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(@PathParam("id") String peerId, JsonObject body) {
        return PeerChanges.put(node, peerId, body, false);
    }

    /** {@code DELETE /admin/peers/{id}}: 409 while it has a balance or packets in flight. */
    @DELETE
    public Response remove(@PathParam("id") String peerId) {
        return PeerChanges.remove(node, peerId);
    }

    @GET
    @Path("balance")
    public Response balance(@PathParam("id") String peerId) {
        if (!node.ready()) {
            return ErrorJson.response(503, "node not ready").build();
        }
        Optional<PeerConfig> peer = node.peers().byId(peerId);
        if (peer.isEmpty()) {
            return ErrorJson.response(404, "unknown peer " + peerId).build();
        }
        try {
            Optional<BalanceReport> report = LedgerCalls.await(
                    accounting.settlements().report(peer.get()));
            return report.map(r -> Response.ok(SettlementJson.balance(r)).build())
                    .orElseGet(() -> ErrorJson.response(503, "no ledger account for " + peerId)
                            .build());
        } catch (IllegalStateException e) {
            return ErrorJson.response(503, e.getMessage()).build();
        }
    }

    @POST
    @Path("settlements")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response recordIncoming(@PathParam("id") String peerId,
                                   @HeaderParam("Idempotency-Key") String key, JsonObject body) {
        if (!node.ready()) {
            return ErrorJson.response(503, "node not ready").build();
        }
        if (!isValidKey(key)) {
            return ErrorJson.response(400, "Idempotency-Key header required: 1.."
                    + IDEMPOTENCY_KEY_CHARS_MAX + " visible ASCII characters").build();
        }
        Optional<PeerConfig> peer = node.peers().byId(peerId);
        if (peer.isEmpty()) {
            return ErrorJson.response(404, "unknown peer " + peerId).build();
        }
        long amount;
        try {
            amount = SettlementJson.amount(body);
        } catch (IllegalArgumentException e) {
            return ErrorJson.response(400, e.getMessage()).build();
        }
        try {
            return switch (LedgerCalls.await(
                    accounting.settlements().recordIncoming(peer.get(), amount, key))) {
                // The first time and every replay with the same amount: the same answer.
                case OK, EXISTS -> Response.ok(SettlementJson.incoming(peerId, amount, key,
                        SettlementLedger.incomingId(peer.get(), key).toString())).build();
                case EXISTS_DIFFERENT -> ErrorJson.response(409, "Idempotency-Key " + key
                        + " was used for another amount; nothing recorded").build();
                case OVERFLOW -> ErrorJson.response(409,
                        "the peer's account total would overflow; nothing recorded").build();
                default -> ErrorJson.response(503, "ledger refused the settlement").build();
            };
        } catch (IllegalStateException e) {
            return ErrorJson.response(503, e.getMessage()).build();
        }
    }
}
