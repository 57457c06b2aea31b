package dev.ilpconnector.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.node.PeerBalance;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.routing.Route;
import dev.ilpconnector.routing.RouteSource;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
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
                List.of("test.conn", "test.far"), RouteSource.CCP));

        assertEquals("test.conn", json.getString("prefix"));
        assertEquals("upstream", json.getString("nextHop"));
        assertEquals(List.of("test.conn", "test.far"),
                json.getJsonArray("path").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("CCP", json.getString("source"));
    }
}
