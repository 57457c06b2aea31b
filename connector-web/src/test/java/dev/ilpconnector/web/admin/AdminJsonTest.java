package dev.ilpconnector.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.ccp.PeerExchangeStatus;
import dev.ilpconnector.node.PeerBalance;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.routing.Route;
import dev.ilpconnector.routing.RouteSource;
import dev.ilpconnector.routing.RoutingTable;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdminJsonTest {

    private final PeerConfig alice = new PeerConfig("alice", Relation.CHILD, Optional.empty(),
            Optional.of("token-never-shown"), "XRP", 9, -1L, -5_000L, List.of());

    @Test
    void peerWithBalance() {
        JsonObject json = AdminJson.peer(alice, true,
                new PeerBalance("alice", BigInteger.valueOf(-1234), BigInteger.valueOf(7),
                        BigInteger.ZERO, -5_000L, "XRP", 9), null);

        assertEquals("alice", json.getString("id"));
        assertEquals("child", json.getString("relation"));
        assertTrue(json.getBoolean("connected"));
        assertEquals("-1234", json.getString("balance"));
        assertEquals("7", json.getString("pendingIn"));
        assertEquals("0", json.getString("pendingOut"));
        assertEquals("XRP", json.getString("assetCode"));
        assertEquals(9, json.getInt("assetScale"));
        assertTrue(!json.toString().contains("token-never-shown"));
    }

    @Test
    void peerWithoutLedgerAccount() {
        JsonObject json = AdminJson.peer(alice, false, null, "no account for alice");

        assertEquals(JsonValue.NULL, json.get("balance"));
        assertEquals("no account for alice", json.getString("balanceError"));
    }

    @Test
    void route() {
        JsonObject json = AdminJson.route(new Route("test.conn", "upstream",
                List.of("test.conn", "test.far"), RouteSource.CCP), 7);

        assertEquals("test.conn", json.getString("prefix"));
        assertEquals("upstream", json.getString("nextHop"));
        assertEquals(List.of("test.conn", "test.far"),
                json.getJsonArray("path").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("ccp", json.getString("source"));
        assertEquals(7, json.getInt("epoch"));
    }

    @Test
    void table() {
        RoutingTable table = new RoutingTable();
        table.setRoutes(List.of(new Route("test.me", "self", List.of(), RouteSource.LOCAL),
                Route.of("test.kid", "kid", RouteSource.STATIC)));
        table.setRoutes(List.of(new Route("test.me", "self", List.of(), RouteSource.LOCAL),
                Route.of("test.kid", "kid", RouteSource.STATIC),
                new Route("test.far", "b", List.of("test.b", "test.far"), RouteSource.CCP)));
        UUID id = UUID.fromString("21e55f8e-abcd-4e97-9ab9-bf0bc8d2d8d8");

        PeerExchangeStatus b = new PeerExchangeStatus(true, "SYNC", 3, id, 9, 1,
                Instant.parse("2026-01-01T00:00:45Z"));
        PeerExchangeStatus kid = new PeerExchangeStatus(false, "IDLE", 0, new UUID(0, 0), 0, 0,
                null);
        Map<String, PeerExchangeStatus> peers = new LinkedHashMap<>();
        peers.put("b", b);
        peers.put("kid", kid);

        JsonObject json = AdminJson.routes(id, table.state(), peers);

        assertEquals(id.toString(), json.getString("routingTableId"));
        assertEquals(3, json.getInt("epoch"));
        List<JsonObject> routes = json.getJsonArray("routes").getValuesAs(JsonObject.class);
        assertEquals(List.of("test.far", "test.kid", "test.me"),
                routes.stream().map(r -> r.getString("prefix")).toList());
        assertEquals(List.of("b", "kid", ""),
                routes.stream().map(r -> r.getString("nextHop")).toList());
        assertEquals(List.of("ccp", "static", "local"),
                routes.stream().map(r -> r.getString("source")).toList());
        assertEquals(List.of(3, 1, 2), routes.stream().map(r -> r.getInt("epoch")).toList());
        JsonObject exchange = json.getJsonObject("peers").getJsonObject("b");
        assertTrue(exchange.getBoolean("linkUp"));
        assertEquals("SYNC", exchange.getJsonObject("send").getString("mode"));
        assertEquals(3, exchange.getJsonObject("send").getInt("epoch"));
        assertEquals(id.toString(),
                exchange.getJsonObject("receive").getString("routingTableId"));
        assertEquals(9, exchange.getJsonObject("receive").getInt("epoch"));
        assertEquals("2026-01-01T00:00:45Z",
                exchange.getJsonObject("receive").getString("expiresAt"));
        assertEquals(JsonValue.NULL, json.getJsonObject("peers").getJsonObject("kid")
                .getJsonObject("receive").get("expiresAt"));
        assertEquals(List.of("b", "kid"), List.copyOf(json.getJsonObject("peers").keySet()));
    }
}
