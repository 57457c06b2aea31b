package dev.ilpconnector.codec.btp;

import static dev.ilpconnector.codec.Vectors.bytes;
import static dev.ilpconnector.codec.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ilpconnector.codec.Vectors;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.oer.UInt64;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden vectors from the JS reference (btp-packet): byte-exact both ways, or refused. */
class BtpVectorsTest {

    @TestFactory
    Stream<DynamicTest> validRoundTrip() {
        return Vectors.category("btp").stream().map(v -> DynamicTest.dynamicTest(
                v.getString("name"), () -> {
                    byte[] wire = bytes(v);
                    BtpPacket decoded = BtpCodec.decode(wire);
                    BtpPacket fromFields = fromFields(v.getJsonObject("fields"));
                    assertEquals(fromFields, decoded);
                    assertEquals(fromFields(v.getJsonObject("decoded")), decoded);
                    assertEquals(v.getString("hex"), hex(BtpCodec.encode(decoded)));
                    assertEquals(v.getString("hex"), hex(BtpCodec.encode(fromFields)));
                }));
    }

    @TestFactory
    Stream<DynamicTest> malformedAreRefused() {
        return Vectors.category("btp-malformed").stream().map(v -> DynamicTest.dynamicTest(
                v.getString("name"), () -> assertThrows(CodecException.class,
                        () -> BtpCodec.decode(bytes(v)))));
    }

    /** Builds a packet from vector fields: {type: "MESSAGE"|6, requestId, [data:] {...}}. */
    static BtpPacket fromFields(JsonObject f) {
        int type = typeOf(f.get("type"));
        long requestId = f.getJsonNumber("requestId").longValueExact();
        JsonObject body = f.containsKey("data") && f.get("data") instanceof JsonObject o
                ? o : f;
        List<BtpProtocolData> pd = protocolData(body);
        return switch (type) {
            case BtpPacket.TYPE_RESPONSE -> new BtpResponse(requestId, pd);
            case BtpPacket.TYPE_MESSAGE -> new BtpMessage(requestId, pd);
            case BtpPacket.TYPE_TRANSFER -> new BtpTransfer(requestId,
                    UInt64.parse(body.getString("amount")), pd);
            case BtpPacket.TYPE_ERROR -> new BtpError(requestId, body.getString("code"),
                    body.getString("name"), Instant.parse(body.getString("triggeredAt")),
                    // btp-packet shows Error data as text
                    body.getString("data").getBytes(StandardCharsets.UTF_8), pd);
            default -> throw new AssertionError("type " + type);
        };
    }

    static int typeOf(JsonValue t) {
        if (t instanceof JsonNumber n) {
            return n.intValueExact();
        }
        return switch (((jakarta.json.JsonString) t).getString()) {
            case "RESPONSE" -> BtpPacket.TYPE_RESPONSE;
            case "ERROR" -> BtpPacket.TYPE_ERROR;
            case "MESSAGE" -> BtpPacket.TYPE_MESSAGE;
            case "TRANSFER" -> BtpPacket.TYPE_TRANSFER;
            default -> throw new AssertionError("type " + t);
        };
    }

    static List<BtpProtocolData> protocolData(JsonObject body) {
        List<BtpProtocolData> out = new ArrayList<>();
        for (JsonObject e : body.getJsonArray("protocolData").getValuesAs(JsonObject.class)) {
            out.add(new BtpProtocolData(e.getString("protocolName"), e.getInt("contentType"),
                    hex(e.getString("data"))));
        }
        return out;
    }
}
