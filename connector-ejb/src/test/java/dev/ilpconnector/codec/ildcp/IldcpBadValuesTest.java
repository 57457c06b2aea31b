package dev.ilpconnector.codec.ildcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.Limits;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.oer.CodecException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad-values table for IL-DCP (RFC 31). */
class IldcpBadValuesTest {

    static final HexFormat HEX = HexFormat.of();
    static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    @ParameterizedTest(name = "response data {0} refused")
    @ValueSource(strings = {
        "", "03672e61", "03672e6102", "03672e610203555344ff", "03672e610204555344",
        "0367206102035553", "0278780203555344", "03672e610201ff", "03672e610281030000",
        "8103672e610203555344"})
    void badResponseData(String hex) {
        assertThrows(CodecException.class, () -> Ildcp.decode(HEX.parseHex(hex)));
    }

    @Test
    void goodResponseData() {
        IldcpResponse r = Ildcp.decode(HEX.parseHex("03672e61ff03555344"));
        assertEquals(new IldcpResponse(IlpAddress.of("g.a"), 255, "USD"), r);
        assertEquals("03672e61ff03555344", HEX.formatHex(Ildcp.encode(r)));
        IldcpResponse unicode = new IldcpResponse(IlpAddress.of("g.a"), 0, "€");
        assertEquals(unicode, Ildcp.decode(Ildcp.encode(unicode)));
    }

    @Test
    void constructorValidates() {
        IlpAddress a = IlpAddress.of("g.a");
        assertThrows(IllegalArgumentException.class, () -> new IldcpResponse(a, -1, "X"));
        assertThrows(IllegalArgumentException.class, () -> new IldcpResponse(a, 256, "X"));
        assertThrows(IllegalArgumentException.class, () -> new IldcpResponse(a, 2,
                "X".repeat(Limits.ASSET_CODE_BYTES_MAX + 1)));
        assertThrows(NullPointerException.class, () -> new IldcpResponse(null, 2, "X"));
    }

    @Test
    void fulfillmentMustBeZeros() {
        byte[] data = Ildcp.encode(new IldcpResponse(IlpAddress.of("g.a"), 2, "USD"));
        byte[] other = new byte[32];
        other[31] = 1;
        IlpFulfill wrong = new IlpFulfill(other, data);
        assertThrows(CodecException.class, () -> Ildcp.decode(wrong));
        assertThrows(CodecException.class, () -> Ildcp.decodeResponse(IlpCodec.encode(wrong)));
    }

    @Test
    void rejectsAndPreparesAreNotResponses() {
        byte[] reject = IlpCodec.encode(IlpReject.of(IlpErrorCode.F02_UNREACHABLE,
                IlpAddress.of("g.p"), "no"));
        assertThrows(CodecException.class, () -> Ildcp.decodeResponse(reject));
        byte[] request = IlpCodec.encode(Ildcp.request(NOW.plusSeconds(30)));
        assertThrows(CodecException.class, () -> Ildcp.decodeResponse(request));
    }

    @Test
    void requests() {
        IlpPrepare request = Ildcp.request(NOW.plusSeconds(30));
        assertEquals(0, request.amount());
        assertTrue(Ildcp.isRequest(request));
        byte[] wire = IlpCodec.encode(request);
        assertEquals(request, Ildcp.decodeRequest(wire, NOW));
        assertThrows(CodecException.class, () -> Ildcp.decodeRequest(wire,
                NOW.plusSeconds(30)));
        IlpPrepare wrongCondition = new IlpPrepare(0, NOW.plusSeconds(30), new byte[32],
                IlpAddress.of(Ildcp.DESTINATION), new byte[0]);
        assertThrows(CodecException.class,
                () -> Ildcp.decodeRequest(IlpCodec.encode(wrongCondition), NOW));
        byte[] truncated = Arrays.copyOf(wire, wire.length - 1);
        assertThrows(CodecException.class, () -> Ildcp.decodeRequest(truncated, NOW));
        byte[] fulfill = IlpCodec.encode(Ildcp.fulfill(new IldcpResponse(IlpAddress.of("g.a"),
                2, "USD")));
        assertThrows(CodecException.class, () -> Ildcp.decodeRequest(fulfill, NOW));
    }
}
