package dev.ilpconnector.codec.ildcp;

import static dev.ilpconnector.codec.Vectors.bytes;
import static dev.ilpconnector.codec.Vectors.hex;
import static dev.ilpconnector.codec.Vectors.instant;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.Vectors;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.oer.UInt64;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden vectors from the JS reference (ilp-protocol-ildcp). */
class IldcpVectorsTest {

    /** Fixed "now" so that expiry checks are deterministic. */
    static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    @TestFactory
    Stream<DynamicTest> valid() {
        return Vectors.category("ildcp").stream().map(v -> DynamicTest.dynamicTest(
                v.getString("name"), () -> {
                    if (v.containsKey("decodedIlpPrepare")) {
                        checkRequest(v);
                    } else {
                        checkResponse(v);
                    }
                }));
    }

    static void checkRequest(JsonObject v) {
        JsonObject f = v.getJsonObject("fields");
        IlpPrepare built = Ildcp.request(instant(f, "expiresAt"), hex(f.getString("data")));
        assertEquals(v.getString("hex"), hex(IlpCodec.encode(built)));
        IlpPrepare decoded = IlpCodec.decodePrepare(bytes(v));
        assertTrue(Ildcp.isRequest(decoded));
        assertEquals(built, decoded);
        JsonObject d = v.getJsonObject("decodedIlpPrepare");
        assertEquals(d.getString("amount"), UInt64.format(decoded.amount()));
        assertEquals(d.getString("executionCondition"), hex(decoded.executionCondition()));
        assertEquals(d.getString("executionCondition"), hex(Ildcp.peerProtocolCondition()));
        assertEquals(d.getString("destination"), decoded.destination().value());
        assertEquals(instant(d, "expiresAt"), decoded.expiresAt());
        assertEquals(d.getString("data"), hex(decoded.data()));
        if (decoded.expiresAt().isAfter(NOW)) {
            assertEquals(decoded, Ildcp.decodeRequest(bytes(v), NOW));
        } else {
            assertThrows(CodecException.class, () -> Ildcp.decodeRequest(bytes(v), NOW));
        }
    }

    static void checkResponse(JsonObject v) {
        JsonObject f = v.getJsonObject("fields");
        IldcpResponse expected = new IldcpResponse(IlpAddress.of(f.getString("clientAddress")),
                f.getInt("assetScale"), f.getString("assetCode"));
        IlpFulfill fulfill = Ildcp.fulfill(expected);
        assertEquals(v.getString("hex"), hex(IlpCodec.encode(fulfill)));
        assertEquals(expected, Ildcp.decodeResponse(bytes(v)));
        JsonObject d = v.getJsonObject("decodedIlpFulfill");
        assertEquals(d.getString("fulfillment"), hex(fulfill.fulfillment()));
        assertEquals(d.getString("data"), hex(Ildcp.encode(expected)));
        assertEquals(expected, Ildcp.decode(hex(d.getString("data"))));
        assertArrayEquals(new byte[32], Ildcp.peerProtocolFulfillment());
    }

    static Function<byte[], Object> javaDecoder(String jsDecoder) {
        return switch (jsDecoder) {
            case "deserializeIldcpResponse" -> Ildcp::decodeResponse;
            case "deserializeIldcpRequest" -> b -> Ildcp.decodeRequest(b, NOW);
            default -> throw new AssertionError("unmapped JS decoder " + jsDecoder);
        };
    }

    @TestFactory
    Stream<DynamicTest> malformedAreRefused() {
        return Vectors.category("ildcp-malformed").stream().map(v -> DynamicTest.dynamicTest(
                v.getString("name"), () -> {
                    for (String js : v.getJsonObject("decoderResults").keySet()) {
                        assertThrows(CodecException.class,
                                () -> javaDecoder(js).apply(bytes(v)), js);
                    }
                }));
    }
}
