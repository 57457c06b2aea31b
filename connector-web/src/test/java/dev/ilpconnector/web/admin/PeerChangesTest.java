package dev.ilpconnector.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ilpconnector.peer.BtpUrl;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeerChangesTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void fieldsBecomeConfigValues() {
        assertEquals(Map.of("relation", "child", "assetScale", "9", "maxPacketAmount",
                        "18446744073709551615", "sendRoutes", "false", "routes", "g.a,g.b"),
                PeerChanges.fields(json("{\"relation\":\"child\",\"assetScale\":9,"
                        + "\"maxPacketAmount\":18446744073709551615,\"sendRoutes\":false,"
                        + "\"routes\":[\"g.a\",\"g.b\"],\"minBalance\":null}")));
    }

    @Test
    void shapesThatAreNoSettingAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> PeerChanges.fields(json("{\"routes\":[1]}")));
        assertThrows(IllegalArgumentException.class,
                () -> PeerChanges.fields(json("{\"routes\":[\"g.a,g.b\"]}")));
        assertThrows(IllegalArgumentException.class,
                () -> PeerChanges.fields(json("{\"relation\":{\"x\":1}}")));
        assertThrows(IllegalArgumentException.class, () -> PeerChanges.fields(null));
        assertThrows(IllegalArgumentException.class, () -> PeerChanges.fields(
                json("{\"btpUrl\":\"" + "x".repeat(3000) + "\"}")));
    }

    @Test
    void theAnswerNeverCarriesASecret() {
        PeerConfig dialled = new PeerConfig("up", Relation.PARENT,
                Optional.of(BtpUrl.parse("btp+ws://me:s3cret@example.org/btp")), Optional.empty(),
                "XRP", 9, -1L, 0, List.of("g"));
        String text = PeerChanges.json(dialled, true).toString();
        assertFalse(text.contains("s3cret"), text);
        PeerConfig child = new PeerConfig("carol", Relation.CHILD, Optional.empty(),
                Optional.of("carol-token"), "XRP", 9, -1L, 0, List.of());
        JsonObject answer = PeerChanges.json(child, false);
        assertFalse(answer.toString().contains("carol-token"));
        assertEquals(true, answer.getBoolean("incomingToken"));
        assertEquals("18446744073709551615", answer.getString("maxPacketAmount"));
    }
}
