package dev.ilpconnector.codec.ccp;

import static dev.ilpconnector.codec.Vectors.bytes;
import static dev.ilpconnector.codec.Vectors.hex;
import static dev.ilpconnector.codec.Vectors.instant;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.Vectors;
import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.oer.UInt64;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden vectors from the JS reference (ilp-protocol-ccp 1.2.3). */
class CcpVectorsTest {

    /** Fixed "now" so that expiry checks are deterministic. */
    static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    @TestFactory
    Stream<DynamicTest> valid() {
        return Vectors.category("ccp").stream().map(v -> DynamicTest.dynamicTest(
                v.getString("name"), () -> {
                    if (v.getJsonObject("fields").containsKey("mode")) {
                        checkControl(v);
                    } else if (v.getJsonObject("fields").containsKey("speaker")) {
                        checkUpdate(v);
                    } else if (v.containsKey("decodedIlpFulfill")) {
                        checkResponse(v);
                    } else {
                        checkConstants(v.getJsonObject("fields"));
                    }
                }));
    }

    static void checkControl(JsonObject v) {
        JsonObject f = v.getJsonObject("fields");
        CcpRouteControlRequest expected = new CcpRouteControlRequest(
                CcpMode.of(f.getInt("mode")),
                UUID.fromString(f.getString("lastKnownRoutingTableId")),
                f.getJsonNumber("lastKnownEpoch").longValueExact(), strings(f, "features"));
        IlpPrepare decoded = checkEnvelope(v, Ccp.controlRequest(expected,
                instant(v.getJsonObject("decodedIlpPrepare"), "expiresAt")));
        assertEquals(v.getString("payloadHex"), hex(Ccp.encode(expected)));
        assertEquals(expected, Ccp.decodeControlRequest(bytes(v), NOW));
        assertEquals(expected, Ccp.decodeControl(decoded.data()));
        assertTrue(Ccp.isControlRequest(decoded));
    }

    static void checkUpdate(JsonObject v) {
        JsonObject f = v.getJsonObject("fields");
        List<CcpRoute> routes = f.getJsonArray("newRoutes").getValuesAs(JsonObject.class)
                .stream()
                .map(r -> new CcpRoute(r.getString("prefix"), strings(r, "path"),
                        hex(r.getString("auth")), List.of()))
                .toList();
        CcpRouteUpdateRequest expected = new CcpRouteUpdateRequest(
                UUID.fromString(f.getString("routingTableId")), uint32(f, "currentEpochIndex"),
                uint32(f, "fromEpochIndex"), uint32(f, "toEpochIndex"), uint32(f, "holdDownTime"),
                f.getString("speaker"), routes, strings(f, "withdrawnRoutes"));
        IlpPrepare decoded = checkEnvelope(v, Ccp.updateRequest(expected,
                instant(v.getJsonObject("decodedIlpPrepare"), "expiresAt")));
        assertEquals(v.getString("payloadHex"), hex(Ccp.encode(expected)));
        assertEquals(expected, Ccp.decodeUpdateRequest(bytes(v), NOW));
        assertEquals(expected, Ccp.decodeUpdate(decoded.data()));
        assertTrue(Ccp.isUpdateRequest(decoded));
    }

    /** The Prepare built from the fields encodes to the vector; the vector decodes to it. */
    static IlpPrepare checkEnvelope(JsonObject v, IlpPrepare built) {
        assertEquals(v.getString("hex"), hex(IlpCodec.encode(built)));
        IlpPrepare decoded = IlpCodec.decodePrepare(bytes(v));
        assertEquals(built, decoded);
        JsonObject d = v.getJsonObject("decodedIlpPrepare");
        assertEquals(d.getString("amount"), UInt64.format(decoded.amount()));
        assertEquals(d.getString("executionCondition"), hex(decoded.executionCondition()));
        assertEquals(d.getString("destination"), decoded.destination().value());
        assertEquals(d.getString("data"), hex(decoded.data()));
        return decoded;
    }

    static void checkResponse(JsonObject v) {
        assertEquals(v.getString("hex"), hex(IlpCodec.encode(Ccp.fulfill())));
        Ccp.decodeResponse(bytes(v));
        JsonObject d = v.getJsonObject("decodedIlpFulfill");
        assertEquals(d.getString("fulfillment"), hex(Ccp.fulfill().fulfillment()));
        assertEquals(d.getString("data"), hex(Ccp.fulfill().data()));
    }

    static void checkConstants(JsonObject f) {
        assertEquals(f.getString("CCP_CONTROL_DESTINATION"), Ccp.CONTROL_DESTINATION);
        assertEquals(f.getString("CCP_UPDATE_DESTINATION"), Ccp.UPDATE_DESTINATION);
        assertEquals(f.getString("PEER_PROTOCOL_CONDITION"), hex(Ccp.controlRequest(
                new CcpRouteControlRequest(CcpMode.SYNC, CcpRouteControlRequest.NO_TABLE, 0,
                        List.of()), NOW).executionCondition()));
        assertArrayEquals(hex(f.getString("PEER_PROTOCOL_FULFILLMENT")),
                Ccp.fulfill().fulfillment());
        assertEquals(f.getInt("MODE_IDLE"), CcpMode.IDLE.code());
        assertEquals(f.getInt("MODE_SYNC"), CcpMode.SYNC.code());
    }

    static List<String> strings(JsonObject o, String name) {
        JsonArray a = o.getJsonArray(name);
        return a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    static long uint32(JsonObject o, String name) {
        return o.getJsonNumber(name).longValueExact();
    }

    static Function<byte[], Object> javaDecoder(String jsDecoder) {
        return switch (jsDecoder) {
            case "deserializeCcpRouteControlRequest" -> b -> Ccp.decodeControlRequest(b, NOW);
            case "deserializeCcpRouteUpdateRequest" -> b -> Ccp.decodeUpdateRequest(b, NOW);
            default -> throw new AssertionError("unmapped JS decoder " + jsDecoder);
        };
    }

    /** Every decoder the JS library ran refuses the bytes here, including the JS quirks. */
    @TestFactory
    Stream<DynamicTest> malformedAreRefused() {
        return Vectors.category("ccp-malformed").stream().map(v -> DynamicTest.dynamicTest(
                v.getString("name"), () -> {
                    for (String js : v.getJsonObject("decoderResults").keySet()) {
                        assertThrows(CodecException.class,
                                () -> javaDecoder(js).apply(bytes(v)), js);
                    }
                }));
    }
}
