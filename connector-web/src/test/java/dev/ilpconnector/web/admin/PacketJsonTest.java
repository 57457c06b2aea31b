package dev.ilpconnector.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.btp.BtpCodec;
import dev.ilpconnector.codec.btp.BtpMessage;
import dev.ilpconnector.codec.btp.BtpProtocolData;
import dev.ilpconnector.codec.oer.CodecException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The packet JSON against the reference vectors: same field names, same values. */
class PacketJsonTest {

    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> valid() {
        return vectors().stream().filter(v -> v.getBoolean("valid"))
                .map(v -> Arguments.of(v.getString("name"), v));
    }

    static Stream<Arguments> malformed() {
        return vectors().stream().filter(v -> !v.getBoolean("valid"))
                .map(v -> Arguments.of(v.getString("name"), v));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validVectorsDecodeToTheirFields(String name, JsonObject vector) {
        JsonObject json = PacketJson.decode(HEX.parseHex(vector.getString("hex")));
        JsonObject fields = vector.getJsonObject("fields");
        boolean btpError = "ERROR".equals(fields.getString("type", ""));
        for (String key : fields.keySet()) {
            JsonValue expected = fields.get(key);
            if (key.equals("protocolData")) {
                assertProtocolData(fields.getJsonArray(key), json.getJsonArray(key));
            } else if (btpError && key.equals("data")) {
                // The BTP error vector shows its data as text; we show every buffer as hex.
                String text = fields.getString(key);
                assertEquals(HEX.formatHex(text.getBytes(StandardCharsets.UTF_8)),
                        json.getString(key));
            } else {
                assertEquals(expected, json.get(key), name + " " + key);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedVectorsFailWithTheCodecMessage(String name, JsonObject vector) {
        CodecException e = assertThrows(CodecException.class,
                () -> PacketJson.decode(HEX.parseHex(vector.getString("hex"))));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void ilpPacketInsideBtpIsDecodedNested() {
        JsonObject json = PacketJson.decode(HEX.parseHex(hex("message_ilp_prepare")));
        JsonObject ilp = json.getJsonArray("protocolData").getJsonObject(0);

        JsonObject packet = ilp.getJsonObject("packet");
        assertEquals("PREPARE", packet.getString("type"));
        assertEquals("1000", packet.getString("amount"));
        assertEquals("test.conn.loadsink.x", packet.getString("destination"));
        assertEquals("2017-12-23T01:21:40.549Z", packet.getString("expiresAt"));
        assertEquals("MESSAGE", json.getString("type"));
        assertEquals(12345, json.getJsonNumber("requestId").longValue());
    }

    @Test
    void brokenIlpInsideAGoodBtpFrameIsShownAsSuch() {
        // A Message carrying "ilp" = 0c 01 00: a Prepare envelope too short to hold one.
        byte[] frame = BtpCodec.encode(new BtpMessage(1,
                List.of(BtpProtocolData.ilp(HEX.parseHex("0c0100")))));
        JsonObject ilp = PacketJson.decode(frame).getJsonArray("protocolData").getJsonObject(0);

        assertTrue(ilp.containsKey("packetError"));
        assertFalse(ilp.containsKey("packet"));
    }

    @Test
    void typesAndUnsignedAmounts() {
        assertEquals("FULFILL", PacketJson.decode(HEX.parseHex(hex("fulfill_basic")))
                .getString("type"));
        assertEquals("REJECT", PacketJson.decode(HEX.parseHex(hex("reject_F00")))
                .getString("type"));
        assertEquals(4294967295L, PacketJson.decode(HEX.parseHex(
                hex("message_request_id_max_uint32"))).getJsonNumber("requestId").longValue());
        assertEquals("TRANSFER", PacketJson.decode(HEX.parseHex(hex("transfer_amount_1000")))
                .getString("type"));
    }

    @Test
    void unknownTypeByteIsRefused() {
        CodecException e = assertThrows(CodecException.class,
                () -> PacketJson.decode(new byte[] {0x20, 0}));
        assertTrue(e.getMessage().contains("unknown packet type 32"), e.getMessage());
    }

    private static void assertProtocolData(JsonArray expected, JsonArray actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonObject e = expected.getJsonObject(i);
            JsonObject a = actual.getJsonObject(i);
            assertEquals(e.getString("protocolName"), a.getString("protocolName"));
            assertEquals(e.getInt("contentType"), a.getInt("contentType"));
            assertEquals(e.getString("data"), a.getString("data"));
        }
    }

    private static String hex(String name) {
        return vectors().stream().filter(v -> v.getString("name").equals(name)).findFirst()
                .orElseThrow().getString("hex");
    }

    private static List<JsonObject> vectors() {
        try (InputStream in = PacketJsonTest.class.getResourceAsStream("packet-vectors.json");
             JsonReader reader = Json.createReader(in)) {
            return reader.readObject().getJsonArray("vectors").getValuesAs(JsonObject.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
