package dev.ilpconnector.web.admin;

import dev.ilpconnector.node.PeerBalance;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.routing.Route;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The JSON of the admin listings; JSON-P only, so it is tested without a server. */
final class AdminJson {

    private AdminJson() {
    }

    /**
     * One peer: {@code {id, relation, connected, balance, pendingIn, pendingOut, assetCode,
     * assetScale}}. The balance is the signed posted balance as a decimal string (positive: we
     * owe the peer), the pending amounts are held for packets in flight; when the ledger could
     * not say, balance is null and {@code balanceError} says why.
     */
    static JsonObject peer(PeerConfig peer, boolean connected, PeerBalance balance,
                           String balanceError) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", peer.id())
                .add("relation", peer.relation().configName())
                .add("connected", connected);
        if (balance == null) {
            json.addNull("balance").add("balanceError", balanceError);
        } else {
            json.add("balance", balance.balance().toString())
                    .add("pendingIn", balance.pendingIn().toString())
                    .add("pendingOut", balance.pendingOut().toString());
        }
        return json.add("assetCode", peer.assetCode())
                .add("assetScale", peer.assetScale())
                .build();
    }

    /** One route: {@code {prefix, nextHop, path, source}}. */
    static JsonObject route(Route route) {
        return Json.createObjectBuilder()
                .add("prefix", route.prefix())
                .add("nextHop", route.nextHop())
                .add("path", Json.createArrayBuilder(route.path()))
                .add("source", route.source().name())
                .build();
    }
}
