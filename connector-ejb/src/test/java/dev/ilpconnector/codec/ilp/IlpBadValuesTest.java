package dev.ilpconnector.codec.ilp;

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
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad-values table for the ILP codec (RFC 27, RFC 30, RFC 15). */
class IlpBadValuesTest {

    static final HexFormat HEX = HexFormat.of();
    static final byte[] CONDITION = new byte[32];
    static final String STAMP = "20171223012140549";

    /** Hand-built Prepare content so that invalid field values can reach the decoder. */
    static byte[] prepareBytes(long amount, String stamp, String destination, byte[] data) {
        OerWriter content = new OerWriter();
        content.writeUInt64(amount);
        content.writeOctets(stamp.getBytes(StandardCharsets.ISO_8859_1));
        content.writeOctets(CONDITION);
        byte[] dest = destination.getBytes(StandardCharsets.ISO_8859_1);
        content.writeLengthPrefix(dest.length).writeOctets(dest);
        content.writeVarOctetString(data);
        return envelope(IlpPacket.TYPE_PREPARE, content.toByteArray());
    }

    static byte[] rejectBytes(String code, String triggeredBy, byte[] message, byte[] data) {
        OerWriter content = new OerWriter();
        content.writeOctets(code.getBytes(StandardCharsets.ISO_8859_1));
        byte[] by = triggeredBy.getBytes(StandardCharsets.ISO_8859_1);
        content.writeLengthPrefix(by.length).writeOctets(by);
        content.writeVarOctetString(message);
        content.writeVarOctetString(data);
        return envelope(IlpPacket.TYPE_REJECT, content.toByteArray());
    }

    static byte[] envelope(int type, byte[] content) {
        return new OerWriter().writeUInt8(type).writeVarOctetString(content).toByteArray();
    }

    static byte[] validPrepare() {
        return prepareBytes(107, STAMP, "example.alice", "hello".getBytes());
    }

    @Test
    void handBuiltPrepareIsValid() {
        IlpPrepare p = IlpCodec.decodePrepare(validPrepare());
        assertEquals(107, p.amount());
        assertArrayEquals(validPrepare(), IlpCodec.encode(p));
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] wire = validPrepare();
        for (int n = 0; n < wire.length; n++) {
            byte[] cut = Arrays.copyOf(wire, n);
            assertThrows(CodecException.class, () -> IlpCodec.decode(cut), "length " + n);
        }
    }

    @Test
    void trailingBytesAfterAndInsideTheEnvelopeAreRefused() {
        byte[] wire = validPrepare();
        byte[] after = Arrays.copyOf(wire, wire.length + 1);
        assertThrows(CodecException.class, () -> IlpCodec.decode(after));
        // same content plus one byte, with the envelope length covering it
        byte[] content = Arrays.copyOfRange(wire, 2, wire.length + 1);
        byte[] inside = envelope(IlpPacket.TYPE_PREPARE, content);
        CodecException e = assertThrows(CodecException.class, () -> IlpCodec.decode(inside));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    void nonCanonicalLengthsAreRefused() {
        byte[] wire = validPrepare();
        // envelope length in long form 0x81 NN for a value below 128
        byte[] longForm = new byte[wire.length + 1];
        longForm[0] = wire[0];
        longForm[1] = (byte) 0x81;
        System.arraycopy(wire, 1, longForm, 2, wire.length - 1);
        assertThrows(CodecException.class, () -> IlpCodec.decode(longForm));
        // data length in long form inside the content
        OerWriter content = new OerWriter();
        content.writeUInt64(1).writeOctets(STAMP.getBytes()).writeOctets(CONDITION)
                .writeVarIa5String("g.a").writeUInt8(0x81).writeUInt8(1).writeUInt8(0x41);
        byte[] innerLongForm = envelope(IlpPacket.TYPE_PREPARE, content.toByteArray());
        assertThrows(CodecException.class, () -> IlpCodec.decode(innerLongForm));
    }

    @Test
    void amountMaxUInt64RoundTrips() {
        byte[] wire = prepareBytes(-1L, STAMP, "g.a", new byte[0]);
        IlpPrepare p = IlpCodec.decodePrepare(wire);
        assertEquals(-1L, p.amount());
        assertTrue(p.toString().contains("18446744073709551615"));
        assertArrayEquals(wire, IlpCodec.encode(p));
    }

    @Test
    void emptyVarOctetStringsRoundTrip() {
        byte[] prepare = prepareBytes(0, STAMP, "g.a", new byte[0]);
        assertArrayEquals(prepare, IlpCodec.encode(IlpCodec.decode(prepare)));
        byte[] reject = rejectBytes("F02", "", new byte[0], new byte[0]);
        IlpReject r = (IlpReject) IlpCodec.decode(reject);
        assertEquals("", r.triggeredBy());
        assertEquals("", r.message());
        assertArrayEquals(reject, IlpCodec.encode(r));
        IlpFulfill f = new IlpFulfill(new byte[32], new byte[0]);
        assertEquals(f, IlpCodec.decode(IlpCodec.encode(f)));
    }

    @ParameterizedTest(name = "bad address \"{0}\"")
    @ValueSource(strings = {"", "g", "g.", ".g.a", "g..a", "g.a.", "x.a", "G.a", "g.a b",
        "g.a!", "g.a/b", "g.é", "test4.a", "peer", "g.a\u0000"})
    void badAddressesAreRefused(String address) {
        assertFalse(IlpAddress.isValid(address));
        assertThrows(IllegalArgumentException.class, () -> IlpAddress.of(address));
        if (address.chars().allMatch(c -> c < 0x80)) {
            byte[] wire = prepareBytes(1, STAMP, address, new byte[0]);
            assertThrows(CodecException.class, () -> IlpCodec.decode(wire));
        }
    }

    @Test
    void nonAsciiAddressBytesAreRefused() {
        OerWriter content = new OerWriter();
        content.writeUInt64(1).writeOctets(STAMP.getBytes()).writeOctets(CONDITION)
                .writeUInt8(4).writeOctets(new byte[] {'g', '.', (byte) 0xc3, (byte) 0xa9})
                .writeUInt8(0);
        byte[] wire = envelope(IlpPacket.TYPE_PREPARE, content.toByteArray());
        assertThrows(CodecException.class, () -> IlpCodec.decode(wire));
    }

    @Test
    void addressLengthLimit() {
        String max = "g." + "a".repeat(Limits.ADDRESS_CHARS_MAX - 2);
        assertTrue(IlpAddress.isValid(max));
        byte[] wire = prepareBytes(1, STAMP, max, new byte[0]);
        assertEquals(max, IlpCodec.decodePrepare(wire).destination().value());
        String tooLong = max + "a";
        assertThrows(IllegalArgumentException.class, () -> IlpAddress.of(tooLong));
        assertThrows(CodecException.class,
                () -> IlpCodec.decode(prepareBytes(1, STAMP, tooLong, new byte[0])));
    }

    @Test
    void addressHelpers() {
        IlpAddress a = IlpAddress.of("test.a");
        assertTrue(IlpAddress.of("test.a").startsWith(a));
        assertTrue(IlpAddress.of("test.a.b").startsWith(a));
        assertFalse(IlpAddress.of("test.ab").startsWith(a));
        assertFalse(IlpAddress.of("test.b").startsWith(a));
        assertEquals("test.a.b", a.with("b").value());
        assertThrows(IllegalArgumentException.class, () -> a.with("b.c"));
        assertThrows(IllegalArgumentException.class, () -> a.with("b c"));
        assertEquals("test", a.scheme());
        for (String s : new String[] {"g", "private", "example", "peer", "self", "test",
            "test1", "test2", "test3", "local"}) {
            assertTrue(IlpAddress.isValid(s + ".x"), s);
        }
    }

    @ParameterizedTest(name = "bad error code \"{0}\"")
    @ValueSource(strings = {"F0", "F000", "X00", "f00", "F 0", "F\t0", "F0\u007f"})
    void badErrorCodesAreRefused(String code) {
        assertThrows(IllegalArgumentException.class, () -> IlpErrorCode.of(code));
        byte[] wire = rejectBytes(code.length() == 3 ? code : "F0" + code, "g.a", new byte[0],
                new byte[0]);
        if (code.length() == 3) {
            assertThrows(CodecException.class, () -> IlpCodec.decode(wire));
        }
    }

    @Test
    void errorCodeFamiliesAndNonAsciiCode() {
        assertEquals('F', IlpErrorCode.F08_AMOUNT_TOO_LARGE.family());
        assertEquals('T', IlpErrorCode.T04_INSUFFICIENT_LIQUIDITY.family());
        assertEquals('R', IlpErrorCode.R02_INSUFFICIENT_TIMEOUT.family());
        assertEquals('F', IlpErrorCode.of("F42").family());
        OerWriter content = new OerWriter().writeOctets(new byte[] {'F', (byte) 0xb0, '0'})
                .writeUInt8(0).writeUInt8(0).writeUInt8(0);
        byte[] wire = envelope(IlpPacket.TYPE_REJECT, content.toByteArray());
        assertThrows(CodecException.class, () -> IlpCodec.decode(wire));
    }

    @Test
    void badTriggeredByIsRefusedButEmptyIsAccepted() {
        assertThrows(CodecException.class,
                () -> IlpCodec.decode(rejectBytes("F02", "nope", new byte[0], new byte[0])));
        assertThrows(IllegalArgumentException.class,
                () -> new IlpReject(IlpErrorCode.F02_UNREACHABLE, "nope", "", new byte[0]));
        assertEquals("", new IlpReject(IlpErrorCode.F02_UNREACHABLE, "", "", new byte[0])
                .triggeredBy());
    }

    @Test
    void rejectMessageMustBeUtf8AndBounded() {
        byte[] bad = {(byte) 0xff};
        assertThrows(CodecException.class,
                () -> IlpCodec.decode(rejectBytes("F00", "g.a", bad, new byte[0])));
        byte[] max = "x".repeat(Limits.REJECT_MESSAGE_BYTES_MAX).getBytes();
        IlpReject ok = (IlpReject) IlpCodec.decode(rejectBytes("F00", "g.a", max, new byte[0]));
        assertEquals(Limits.REJECT_MESSAGE_BYTES_MAX, ok.message().length());
        byte[] over = "x".repeat(Limits.REJECT_MESSAGE_BYTES_MAX + 1).getBytes();
        assertThrows(CodecException.class,
                () -> IlpCodec.decode(rejectBytes("F00", "g.a", over, new byte[0])));
        String multiByte = "é".repeat(4096); // 8192 UTF-8 bytes
        assertThrows(IllegalArgumentException.class, () -> new IlpReject(
                IlpErrorCode.F00_BAD_REQUEST, "g.a", multiByte, new byte[0]));
    }

    @Test
    void dataLimits() {
        byte[] max = new byte[Limits.DATA_BYTES_MAX];
        assertEquals(Limits.DATA_BYTES_MAX,
                IlpCodec.decodePrepare(prepareBytes(1, STAMP, "g.a", max)).dataLength());
        byte[] over = new byte[Limits.DATA_BYTES_MAX + 1];
        assertThrows(CodecException.class,
                () -> IlpCodec.decode(prepareBytes(1, STAMP, "g.a", over)));
        assertThrows(IllegalArgumentException.class,
                () -> new IlpFulfill(new byte[32], over));
        assertThrows(CodecException.class,
                () -> IlpCodec.decode(rejectBytes("F00", "g.a", new byte[0], over)));
    }

    @ParameterizedTest(name = "bad expiresAt {0}")
    @ValueSource(strings = {"20171323012140549", "20170230012140549", "20171223242140549",
        "20171223016040549", "20171223012160549", "2017122301214054X", "2017-12-23T01:21:",
        "20171223012140 49"})
    void badTimestampsAreRefused(String stamp) {
        byte[] wire = prepareBytes(1, stamp.substring(0, 17), "g.a", new byte[0]);
        assertThrows(CodecException.class, () -> IlpCodec.decode(wire));
    }

    @Test
    void timestampFormatAndTruncation() {
        Instant t = Instant.parse("2099-12-31T23:59:59.999999Z");
        assertEquals("20991231235959999", InterledgerTimestamp.format(t));
        assertEquals(Instant.parse("2016-02-29T00:00:00.001Z"),
                InterledgerTimestamp.parse("20160229000000001"));
        IlpPrepare p = new IlpPrepare(1, t, CONDITION, IlpAddress.of("g.a"), new byte[0]);
        assertEquals(Instant.parse("2099-12-31T23:59:59.999Z"), p.expiresAt());
        assertThrows(IllegalArgumentException.class, () -> new IlpPrepare(1,
                Instant.parse("+10000-01-01T00:00:00Z"), CONDITION, IlpAddress.of("g.a"),
                new byte[0]));
    }

    @Test
    void wrongTypesAreRefused() {
        byte[] prepare = validPrepare();
        assertThrows(CodecException.class, () -> IlpCodec.decodeResponse(prepare));
        byte[] fulfill = IlpCodec.encode(new IlpFulfill(new byte[32], new byte[0]));
        assertThrows(CodecException.class, () -> IlpCodec.decodePrepare(fulfill));
        for (int type : new int[] {0, 1, 8, 9, 11, 15, 255}) {
            byte[] wire = prepare.clone();
            wire[0] = (byte) type;
            assertThrows(CodecException.class, () -> IlpCodec.decode(wire), "type " + type);
        }
    }

    @Test
    void valuesAreCopiedAndFulfillmentsNeverPrinted() {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 0xab);
        byte[] data = {1, 2, 3};
        IlpFulfill f = new IlpFulfill(secret, data);
        secret[0] = 0;
        data[0] = 9;
        assertEquals((byte) 0xab, f.fulfillment()[0]);
        assertEquals(1, f.data()[0]);
        f.fulfillment()[1] = 0;
        assertEquals((byte) 0xab, f.fulfillment()[1]);
        assertFalse(f.toString().toLowerCase().contains("abab"), f.toString());
        assertThrows(IllegalArgumentException.class, () -> new IlpFulfill(new byte[31],
                new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new IlpPrepare(1, Instant.EPOCH,
                new byte[33], IlpAddress.of("g.a"), new byte[0]));
    }

    @Test
    void forwardingAndFulfillmentCheck() throws Exception {
        byte[] preimage = new byte[32];
        preimage[5] = 7;
        byte[] condition = java.security.MessageDigest.getInstance("SHA-256").digest(preimage);
        IlpPrepare p = new IlpPrepare(100, Instant.parse("2030-01-01T00:00:00Z"), condition,
                IlpAddress.of("g.bob"), new byte[] {4});
        IlpPrepare next = p.withAmountAndExpiry(99, Instant.parse("2029-12-31T23:59:59Z"));
        assertEquals(99, next.amount());
        assertArrayEquals(condition, next.executionCondition());
        assertArrayEquals(new byte[] {4}, next.data());
        assertTrue(next.isFulfilledBy(new IlpFulfill(preimage, new byte[0])));
        assertFalse(next.isFulfilledBy(new IlpFulfill(new byte[32], new byte[0])));
    }

    @Test
    void amountTooLargeData() {
        AmountTooLargeData d = new AmountTooLargeData(-1L, 1000);
        byte[] bytes = d.encode();
        assertEquals("ffffffffffffffff00000000000003e8", HEX.formatHex(bytes));
        assertEquals(d, AmountTooLargeData.decode(bytes));
        IlpReject r = new IlpReject(IlpErrorCode.F08_AMOUNT_TOO_LARGE, "g.c", "too much", bytes);
        assertEquals(d, AmountTooLargeData.of(r));
        assertThrows(CodecException.class, () -> AmountTooLargeData.decode(new byte[15]));
        assertThrows(CodecException.class, () -> AmountTooLargeData.decode(new byte[17]));
        assertThrows(CodecException.class, () -> AmountTooLargeData.of(
                IlpReject.of(IlpErrorCode.F02_UNREACHABLE, IlpAddress.of("g.c"), "")));
    }
}
