package dev.ilpconnector.codec.ilp;

import static dev.ilpconnector.codec.Vectors.bytes;
import static dev.ilpconnector.codec.Vectors.hex;
import static dev.ilpconnector.codec.Vectors.instant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.Vectors;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.oer.UInt64;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Golden vectors from the JS reference (ilp-packet): byte-exact both ways, or refused. */
class IlpVectorsTest {

    /** Valid for ilp-packet, refused here because RFC 27 bounds Reject data to 32767 bytes. */
    static final Set<String> REFUSED_BY_RFC = Set.of("reject_data_32768_bytes");

    @TestFactory
    Stream<DynamicTest> prepares() {
        return Vectors.category("ilp-prepare").stream().map(v -> DynamicTest.dynamicTest(
                v.getString("name"), () -> checkPrepare(v.getJsonObject("fields"), v)));
    }

    static void checkPrepare(JsonObject f, JsonObject v) {
        byte[] wire = bytes(v);
        IlpPrepare decoded = IlpCodec.decodePrepare(wire);
        IlpPrepare fromFields = prepare(f);
        assertEquals(fromFields, decoded);
        assertEquals(f.getString("amount"), UInt64.format(decoded.amount()));
        assertEquals(f.getString("destination"), decoded.destination().value());
        assertEquals(f.getString("executionCondition"), hex(decoded.executionCondition()));
        assertEquals(f.getString("data"), hex(decoded.data()));
        assertEquals(instant(f, "expiresAt"), decoded.expiresAt());
        assertEquals(v.getString("hex"), hex(IlpCodec.encode(decoded)));
        assertEquals(v.getString("hex"), hex(IlpCodec.encode(fromFields)));
        assertEquals(decoded, IlpCodec.decode(wire));
    }

    static IlpPrepare prepare(JsonObject f) {
        return new IlpPrepare(UInt64.parse(f.getString("amount")), instant(f, "expiresAt"),
                hex(f.getString("executionCondition")), IlpAddress.of(f.getString("destination")),
                hex(f.getString("data")));
    }

    @TestFactory
    Stream<DynamicTest> fulfills() {
        return Vectors.category("ilp-fulfill").stream().map(v -> DynamicTest.dynamicTest(
                v.getString("name"), () -> {
                    JsonObject f = v.getJsonObject("fields");
                    IlpFulfill decoded = (IlpFulfill) IlpCodec.decodeResponse(bytes(v));
                    IlpFulfill fromFields = new IlpFulfill(hex(f.getString("fulfillment")),
                            hex(f.getString("data")));
                    assertEquals(fromFields, decoded);
                    assertEquals(f.getString("fulfillment"), hex(decoded.fulfillment()));
                    assertEquals(f.getString("data"), hex(decoded.data()));
                    assertEquals(v.getString("hex"), hex(IlpCodec.encode(decoded)));
                    assertEquals(v.getString("hex"), hex(IlpCodec.encode(fromFields)));
                    if (v.containsKey("derived")) {
                        String condition = v.getJsonObject("derived")
                                .getString("condition_sha256_of_fulfillment");
                        IlpPrepare p = new IlpPrepare(1, java.time.Instant.EPOCH,
                                hex(condition), IlpAddress.of("test.x"), new byte[0]);
                        assertTrue(p.isFulfilledBy(decoded));
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> rejects() {
        return Vectors.category("ilp-reject").stream().map(v -> DynamicTest.dynamicTest(
                v.getString("name"), () -> {
                    JsonObject f = v.getJsonObject("fields");
                    if (REFUSED_BY_RFC.contains(v.getString("name"))) {
                        assertThrows(CodecException.class, () -> IlpCodec.decode(bytes(v)));
                        assertThrows(IllegalArgumentException.class, () -> reject(f));
                        return;
                    }
                    checkReject(f, v.getString("hex"));
                }));
    }

    static IlpReject reject(JsonObject f) {
        return new IlpReject(IlpErrorCode.of(f.getString("code")), f.getString("triggeredBy"),
                f.getString("message"), hex(f.getString("data")));
    }

    static void checkReject(JsonObject f, String wireHex) {
        IlpReject decoded = (IlpReject) IlpCodec.decodeResponse(hex(wireHex));
        IlpReject fromFields = reject(f);
        assertEquals(fromFields, decoded);
        assertEquals(f.getString("code"), decoded.code().code());
        assertEquals(f.getString("triggeredBy"), decoded.triggeredBy());
        assertEquals(f.getString("message"), decoded.message());
        assertEquals(f.getString("data"), hex(decoded.data()));
        assertEquals(wireHex, hex(IlpCodec.encode(decoded)));
        assertEquals(wireHex, hex(IlpCodec.encode(fromFields)));
    }

    @TestFactory
    Stream<DynamicTest> rejectsFromErrors() {
        return Vectors.category("ilp-reject-from-error").stream().map(v -> DynamicTest
                .dynamicTest(v.getString("name"), () -> {
                    checkReject(v.getJsonObject("decoded"), v.getString("hex"));
                    JsonObject f = v.getJsonObject("fields");
                    IlpReject built = IlpReject.of(IlpErrorCode.of(f.getString("ilpErrorCode")),
                            IlpAddress.of(f.getString("address")), f.getString("message"));
                    assertEquals(v.getString("hex"), hex(IlpCodec.encode(built)));
                }));
    }

    @Test
    void genericVectors() {
        for (JsonObject v : Vectors.category("ilp-generic")) {
            JsonObject f = v.getJsonObject("fields");
            if (v.getString("name").equals("type_bytes")) {
                assertEquals(f.getInt("TYPE_ILP_PREPARE"), IlpPacket.TYPE_PREPARE);
                assertEquals(f.getInt("TYPE_ILP_FULFILL"), IlpPacket.TYPE_FULFILL);
                assertEquals(f.getInt("TYPE_ILP_REJECT"), IlpPacket.TYPE_REJECT);
            } else {
                assertEquals(IlpPacket.TYPE_PREPARE, f.getInt("type"));
                checkPrepare(f.getJsonObject("data"), v);
            }
        }
    }

    /** Each JS decoder named in decoderResults maps to the Java decoder that must refuse. */
    static Function<byte[], Object> javaDecoder(String jsDecoder) {
        return switch (jsDecoder) {
            case "deserializeIlpPacket" -> IlpCodec::decode;
            case "deserializeIlpPrepare" -> IlpCodec::decodePrepare;
            case "deserializeIlpFulfill", "deserializeIlpReject" -> IlpCodec::decodeResponse;
            default -> throw new AssertionError("unmapped JS decoder " + jsDecoder);
        };
    }

    @TestFactory
    Stream<DynamicTest> malformedAreRefused() {
        return Vectors.category("ilp-malformed").stream().map(v -> DynamicTest.dynamicTest(
                v.getString("name"), () -> {
                    byte[] wire = bytes(v);
                    for (String js : v.getJsonObject("decoderResults").keySet()) {
                        assertThrows(CodecException.class,
                                () -> javaDecoder(js).apply(wire), js);
                    }
                }));
    }

    @Test
    void quirkAmountTwoToThe64IsRefusedNotWrapped() {
        JsonObject v = find("ilp-quirk", "js_serializer_wraps_amount_2^64_to_zero");
        String amount = v.getJsonObject("fields").getString("amount");
        assertThrows(NumberFormatException.class, () -> UInt64.parse(amount));
        // the bytes JS produced are a well-formed Prepare of amount 0, which we read as such
        assertEquals(0L, IlpCodec.decodePrepare(bytes(v)).amount());
    }

    @Test
    void quirkInvalidDestinationIsRefused() {
        JsonObject v = find("ilp-quirk",
                "js_serializer_accepts_invalid_destination_but_deserializer_rejects");
        byte[] wire = bytes(v);
        for (String js : v.getJsonObject("decoderResults").keySet()) {
            assertThrows(CodecException.class, () -> javaDecoder(js).apply(wire), js);
        }
        assertFalse(Vectors.category("ilp-quirk").isEmpty());
    }

    static JsonObject find(String category, String name) {
        List<JsonObject> list = Vectors.category(category);
        return list.stream().filter(v -> v.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("missing vector " + name));
    }
}
