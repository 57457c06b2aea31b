package dev.ilpconnector.codec.btp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.Limits;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.oer.OerWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad-values table for the BTP codec (RFC 23, RFC 30). */
class BtpBadValuesTest {

    static final HexFormat HEX = HexFormat.of();

    static byte[] frame(int type, long requestId, byte[] content) {
        return new OerWriter().writeUInt8(type).writeUInt32(requestId)
                .writeVarOctetString(content).toByteArray();
    }

    /** Message content with raw protocol data: count bytes then raw entries. */
    static byte[] message(String countHex, String entriesHex) {
        return frame(BtpPacket.TYPE_MESSAGE, 1, HEX.parseHex(countHex + entriesHex));
    }

    static final String ILP_ENTRY = "03696c70" + "00" + "00";

    @Test
    void handBuiltMessageIsValid() {
        BtpMessage m = (BtpMessage) BtpCodec.decode(message("0101", ILP_ENTRY));
        assertEquals(List.of(BtpProtocolData.ilp(new byte[0])), m.protocolData());
    }

    @ParameterizedTest(name = "protocol data {0}|{1} refused ({2})")
    @CsvSource({
        "0201, 03696c700000, count with a leading zero byte",
        "00, '', count of zero bytes",
        "0111, 03696c700000, count 17 above the limit",
        "0102, 03696c700000, count beyond the bytes left",
        "0101, 03696c70000200, data shorter than its length",
        "0101, 00000000, empty protocol name",
        "0101, 0369206c0000, space in protocol name",
        "0102, 03696c70000003696c700000, duplicate protocol name",
        "0101, 03696c7000810100, non-canonical data length",
        "0108ffffffffffffffff, '', count 2^64-1",
    })
    void badProtocolData(String count, String entries, String why) {
        assertThrows(CodecException.class, () -> BtpCodec.decode(message(count, entries)), why);
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] wire = BtpCodec.encode(new BtpMessage(7, List.of(BtpProtocolData.auth(),
                BtpProtocolData.authUsername("a"), BtpProtocolData.authToken("t"))));
        for (int n = 0; n < wire.length; n++) {
            byte[] cut = Arrays.copyOf(wire, n);
            assertThrows(CodecException.class, () -> BtpCodec.decode(cut), "length " + n);
        }
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] wire = message("0101", ILP_ENTRY);
        assertThrows(CodecException.class,
                () -> BtpCodec.decode(Arrays.copyOf(wire, wire.length + 1)));
        byte[] inside = message("0101", ILP_ENTRY + "00");
        assertThrows(CodecException.class, () -> BtpCodec.decode(inside));
    }

    @ParameterizedTest(name = "type {0} refused")
    @ValueSource(ints = {0, 3, 4, 5, 8, 255})
    void unknownAndLegacyTypesAreRefused(int type) {
        byte[] wire = frame(type, 1, HEX.parseHex("0100"));
        assertThrows(CodecException.class, () -> BtpCodec.decode(wire));
    }

    @Test
    void frameSizeLimit() {
        byte[] big = new byte[Limits.BTP_FRAME_BYTES_MAX];
        assertThrows(IllegalArgumentException.class, () -> BtpCodec.encode(
                new BtpMessage(1, List.of(BtpProtocolData.ilp(big)))));
        byte[] frame = new byte[Limits.BTP_FRAME_BYTES_MAX + 1];
        frame[0] = BtpPacket.TYPE_MESSAGE;
        assertThrows(CodecException.class, () -> BtpCodec.decode(frame));
        byte[] fits = new byte[Limits.BTP_FRAME_BYTES_MAX - 32];
        BtpMessage m = new BtpMessage(1, List.of(BtpProtocolData.ilp(fits)));
        assertEquals(m, BtpCodec.decode(BtpCodec.encode(m)));
    }

    @Test
    void extremesRoundTrip() {
        BtpTransfer t = new BtpTransfer(0xffff_ffffL, -1L, List.of());
        byte[] wire = BtpCodec.encode(t);
        assertEquals("07ffffffff0affffffffffffffff0100", HEX.formatHex(wire));
        assertEquals(t, BtpCodec.decode(wire));
        assertTrue(t.toString().contains("18446744073709551615"));
        assertThrows(IllegalArgumentException.class, () -> new BtpMessage(-1, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new BtpMessage(0x1_0000_0000L, List.of()));
        BtpMessage empty = new BtpMessage(0, List.of(new BtpProtocolData("x", 255,
                new byte[0])));
        assertEquals(empty, BtpCodec.decode(BtpCodec.encode(empty)));
    }

    @Test
    void constructorsValidate() {
        assertThrows(IllegalArgumentException.class,
                () -> new BtpProtocolData("", 0, new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> new BtpProtocolData("ilp", 256, new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> new BtpProtocolData("x".repeat(256), 0, new byte[0]));
        List<BtpProtocolData> dup = List.of(BtpProtocolData.auth(), BtpProtocolData.auth());
        assertThrows(IllegalArgumentException.class, () -> new BtpResponse(1, dup));
        List<BtpProtocolData> many = new ArrayList<>();
        for (int i = 0; i <= Limits.PROTOCOL_DATA_ENTRIES_MAX; i++) {
            many.add(new BtpProtocolData("p" + i, 0, new byte[0]));
        }
        assertThrows(IllegalArgumentException.class, () -> new BtpMessage(1, many));
        Instant t = Instant.parse("2017-12-23T01:21:40.549Z");
        assertThrows(IllegalArgumentException.class,
                () -> new BtpError(1, "F0", "x", t, new byte[0], List.of()));
        assertThrows(IllegalArgumentException.class, () -> new BtpError(1, "F00", "x", t,
                new byte[Limits.BTP_ERROR_DATA_BYTES_MAX + 1], List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new BtpError(1, "F00", "bad\nname", t, new byte[0], List.of()));
    }

    @Test
    void tokensNeverPrinted() {
        BtpMessage m = new BtpMessage(1, List.of(BtpProtocolData.auth(),
                BtpProtocolData.authUsername("alice"), BtpProtocolData.authToken("s3cr3t")));
        assertFalse(m.toString().contains("s3cr3t"), m.toString());
        assertEquals("s3cr3t", BtpProtocolData.find(m.protocolData(), "auth_token")
                .orElseThrow().dataAsText());
        assertTrue(BtpProtocolData.find(m.protocolData(), "ilp").isEmpty());
        byte[] data = {1};
        BtpProtocolData p = new BtpProtocolData("x", 0, data);
        data[0] = 2;
        assertEquals(1, p.data()[0]);
    }

    static byte[] errorFrame(String code, String name, String time, byte[] data) {
        OerWriter content = new OerWriter();
        content.writeOctets(code.getBytes(StandardCharsets.ISO_8859_1));
        content.writeVarOctetString(name.getBytes(StandardCharsets.ISO_8859_1));
        content.writeVarOctetString(time.getBytes(StandardCharsets.ISO_8859_1));
        content.writeVarOctetString(data);
        content.writeVarUInt(0);
        return frame(BtpPacket.TYPE_ERROR, 1, content.toByteArray());
    }

    @ParameterizedTest(name = "GeneralizedTime {0} accepted as {1}")
    @CsvSource({
        "20171223012140.549Z, 2017-12-23T01:21:40.549Z",
        "20171223012140Z, 2017-12-23T01:21:40Z",
        "20171223012140.5Z, 2017-12-23T01:21:40.500Z",
        "20171223012140.123456789Z, 2017-12-23T01:21:40.123Z",
    })
    void generalizedTimeVariants(String wire, String expected) {
        BtpError e = (BtpError) BtpCodec.decode(errorFrame("F00", "X", wire, new byte[0]));
        assertEquals(Instant.parse(expected), e.triggeredAt());
        // written back canonically with three fraction digits
        assertTrue(GeneralizedTime.format(e.triggeredAt()).matches("\\d{14}\\.\\d{3}Z"));
    }

    @ParameterizedTest(name = "GeneralizedTime {0} refused")
    @ValueSource(strings = {"20171223012140.549", "20171223012140.549+0100", "20171223012140.Z",
        "201712230121Z", "20171323012140.549Z", "20170230012140Z", "X0171223012140.549Z",
        "20171223012140.1234567890Z", "20171223012140,549Z", "", "Z"})
    void badGeneralizedTimes(String wire) {
        assertThrows(CodecException.class,
                () -> BtpCodec.decode(errorFrame("F00", "X", wire, new byte[0])));
    }

    @Test
    void badErrorFields() {
        String t = "20171223012140.549Z";
        assertThrows(CodecException.class,
                () -> BtpCodec.decode(errorFrame("F\u00010", "X", t, new byte[0])));
        assertThrows(CodecException.class,
                () -> BtpCodec.decode(errorFrame("F00", "X\u0001", t, new byte[0])));
        assertThrows(CodecException.class, () -> BtpCodec.decode(errorFrame("F00", "X", t,
                new byte[Limits.BTP_ERROR_DATA_BYTES_MAX + 1])));
        byte[] maxData = new byte[Limits.BTP_ERROR_DATA_BYTES_MAX];
        byte[] ok = errorFrame("T00", "", t, maxData);
        BtpError e = (BtpError) BtpCodec.decode(ok);
        assertEquals("", e.name());
        assertArrayEquals(ok, BtpCodec.encode(e));
    }
}
