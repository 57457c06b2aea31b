package dev.ilpconnector.web.admin;

import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.node.NodeAccounting;
import dev.ilpconnector.node.PeerBalance;
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

/** {@code GET /admin/peers}: every configured peer, whether its link is up, and its balance. */
@Path("peers")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class PeersResource {

    @Inject
    ConnectorNode node;

    @Inject
    NodeAccounting accounting;

    @GET
    public Response peers() {
        if (!node.ready()) {
            return ErrorJson.response(503, "node not ready")
                    .build();
        }
        JsonArrayBuilder peers = Json.createArrayBuilder();
        for (PeerConfig peer : node.peers().all()) {
            PeerBalance balance = null;
            String balanceError = null;
            try {
                balance = accounting.balance(peer.id());
            } catch (IllegalStateException e) {
                // No account yet, or the ledger is slow: list the peer anyway, and say so.
                balanceError = e.getMessage();
            }
            peers.add(AdminJson.peer(peer, node.links().isConnected(peer.id()), balance,
                    balanceError));
        }
        return Response.ok(peers.build()).build();
    }
}
