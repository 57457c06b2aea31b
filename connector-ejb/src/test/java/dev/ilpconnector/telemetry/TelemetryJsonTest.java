package dev.ilpconnector.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.ilp.IlpCodec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TelemetryJsonTest {

    private static final Asset XRP = new Asset("XRP", 9);

    @Test
    void aFulfilledPacketListsItsFields() {
        LoggedPacket p = LoggedPacket.of(Packets.fulfilled(7, "alice", "bob", 0), XRP);
        String condition = HexFormat.of().formatHex(Packets.sha256(Packets.fulfillment(7)));
        assertEquals("{\"id\":\"7\",\"time\":\"2026-12-06T01:00:00.007Z\",\"from\":\"alice\","
                + "\"to\":\"bob\",\"destination\":\"test.node.bob.x\",\"amount\":\"107\","
                + "\"outgoingAmount\":\"106\",\"assetCode\":\"XRP\",\"assetScale\":9,"
                + "\"outcome\":\"fulfilled\",\"code\":null,\"message\":null,"
                + "\"triggeredBy\":null,\"ms\":1.5,\"condition\":\"" + condition + "\"}",
                TelemetryJson.packet(p));
    }

    @Test
    void aStrangersMessageIsAStringNeverMarkup() {
        String message = "<img src=x onerror=\"window.__xss=1\">\u2028\\";
        LoggedPacket p = LoggedPacket.of(Packets.rejected(1, "alice", "F99", message), XRP);
        String json = TelemetryJson.packet(p);
        assertTrue(json.contains("\"message\":\"\\u003cimg src=x onerror=\\\"window.__xss=1\\\""
                + "\\u003e\\u2028\\\\\""), json);
        assertFalse(json.contains("<"));
        assertTrue(json.contains("\"outcome\":\"rejected\",\"code\":\"F99\""));
    }

    @Test
    void theDetailCarriesTheWireBytesUntilEvicted() {
        LoggedPacket p = LoggedPacket.of(Packets.fulfilled(3, "alice", "bob", 4), XRP);
        String json = TelemetryJson.detail(p);
        String prepareHex = HexFormat.of().formatHex(IlpCodec.encode(
                Packets.fulfilled(3, "alice", "bob", 4).prepare()));
        assertTrue(json.contains("\"prepareHex\":\"" + prepareHex + "\""), json);
        assertTrue(json.contains("\"data\":\"00000000\""));
        assertTrue(json.contains("\"fulfillment\":\""
                + HexFormat.of().formatHex(Packets.fulfillment(3)) + "\""));
        assertTrue(json.contains("\"bytesEvicted\":false"));
        assertTrue(json.endsWith("\"steps\":{\"heldMs\":0.001,\"forwardedMs\":0.002,"
                + "\"answeredMs\":1.5}}"), json);
        PacketLog noBytes = new PacketLog(10, 0);
        noBytes.add(p);
        String evicted = TelemetryJson.detail(noBytes.get(3));
        assertTrue(evicted.contains("\"data\":null,\"prepareHex\":null,\"responseHex\":null,"
                + "\"bytesEvicted\":true"), evicted);
        assertTrue(evicted.contains("\"fulfillment\":\""
                + HexFormat.of().formatHex(Packets.fulfillment(3)) + "\""), evicted);
        // all but the bytes as before
        assertEquals(json.substring(json.indexOf("\"steps\"")),
                evicted.substring(evicted.indexOf("\"steps\"")));
    }
}
