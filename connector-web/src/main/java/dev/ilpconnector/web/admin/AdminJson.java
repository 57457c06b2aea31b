package dev.ilpconnector.web.admin;

import dev.ilpconnector.ccp.PeerExchangeStatus;
import dev.ilpconnector.node.PeerBalance;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.routing.Route;
import dev.ilpconnector.routing.RouteSource;
import dev.ilpconnector.routing.RoutingTable;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The JSON of the admin listings; JSON-P only, so it is tested without a server. */
final class AdminJson {

    private AdminJson() {
    }

    /**
     * One peer: {@code {id, relation, connected, balance, assetCode, assetScale}}. The balance is
     * the signed posted balance as a decimal string (positive: we owe the peer); when the ledger
     * could not say, it is null and {@code balanceError} says why.
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
            json.add("balance", Long.toString(balance.balance()));
        }
        return json.add("assetCode", peer.assetCode())
                .add("assetScale", peer.assetScale())
                .build();
    }

    /**
     * The table: {@code {routingTableId, epoch, routes: [route, ...], peers: {id: exchange}}},
     * routes by prefix, peers in configuration order.
     */
    static JsonObject routes(UUID routingTableId, RoutingTable.TableState table,
                             Map<String, PeerExchangeStatus> peers) {
        JsonArrayBuilder routes = Json.createArrayBuilder();
        for (Route route : table.routes().values()) {
            routes.add(route(route, table.changedAt(route.prefix())));
        }
        JsonObjectBuilder exchange = Json.createObjectBuilder();
        peers.forEach((id, status) -> exchange.add(id, exchange(status)));
        return Json.createObjectBuilder()
                .add("routingTableId", routingTableId.toString())
                .add("epoch", table.epoch())
                .add("routes", routes)
                .add("peers", exchange)
                .build();
    }

    /**
     * Route exchange with one peer: {@code {linkUp, send: {mode, epoch}, receive:
     * {routingTableId, epoch, routes, expiresAt}}}; {@code expiresAt} is null without routes.
     */
    static JsonObject exchange(PeerExchangeStatus s) {
        JsonObjectBuilder receive = Json.createObjectBuilder()
                .add("routingTableId", s.receiveTableId().toString())
                .add("epoch", s.receiveEpoch())
                .add("routes", s.routes());
        if (s.routesExpireAt() == null) {
            receive.addNull("expiresAt");
        } else {
            receive.add("expiresAt", s.routesExpireAt().toString());
        }
        return Json.createObjectBuilder()
                .add("linkUp", s.linkUp())
                .add("send", Json.createObjectBuilder()
                        .add("mode", s.sendMode())
                        .add("epoch", s.sendEpoch()))
                .add("receive", receive)
                .build();
    }

    /**
     * One route: {@code {prefix, nextHop, path, source, epoch}}. {@code nextHop} is the peer id,
     * empty for our own address; {@code source} is {@code static}, {@code ccp} or
     * {@code local}; {@code epoch} is the table epoch at which the route last changed.
     */
    static JsonObject route(Route route, long epoch) {
        return Json.createObjectBuilder()
                .add("prefix", route.prefix())
                .add("nextHop", route.source() == RouteSource.LOCAL ? "" : route.nextHop())
                .add("path", Json.createArrayBuilder(route.path()))
                .add("source", route.source().name().toLowerCase(Locale.ROOT))
                .add("epoch", epoch)
                .build();
    }
}
