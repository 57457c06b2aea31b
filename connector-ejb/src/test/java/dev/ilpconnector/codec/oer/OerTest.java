package dev.ilpconnector.codec.oer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 30 OER primitives: canonical lengths, var-uints, bounds, UInt64 helpers. */
class OerTest {

    private static final HexFormat HEX = HexFormat.of();

    private static OerReader reader(String hex) {
        return new OerReader(HEX.parseHex(hex));
    }

    @ParameterizedTest(name = "length prefix {0} is refused ({1})")
    @CsvSource({
        "8153, long form for a value below 128",
        "817f, long form for 127",
        "820080, leading zero byte",
        "80, indefinite form",
        "85ffffffffff, five length bytes",
        "8480000000, above 2^31-1",
        "82ff, truncated long form",
        "'', nothing to read",
        "05010203, length beyond the bytes left",
    })
    void badLengthPrefixes(String hex, String why) {
        CodecException e = assertThrows(CodecException.class,
                () -> reader(hex).lengthPrefix(Integer.MAX_VALUE), why);
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }

    @Test
    void lengthAboveMaximumIsRefusedBeforeAllocating() {
        CodecException e = assertThrows(CodecException.class,
                () -> reader("8400ffffff").varOctetString(1000));
        assertEquals(0, e.offset());
        assertThrows(CodecException.class, () -> reader("03616263").varOctetString(2));
    }

    @ParameterizedTest(name = "length {0} round-trips canonically")
    @ValueSource(ints = {0, 1, 127, 128, 255, 256, 32767, 65535, 65536, 16_777_216})
    void lengthRoundTrip(int length) {
        byte[] bytes = new OerWriter().writeLengthPrefix(length).toByteArray();
        assertEquals(OerWriter.lengthPrefixSize(length), bytes.length);
        byte[] padded = new byte[bytes.length + length];
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        OerReader in = new OerReader(padded);
        assertEquals(length, in.lengthPrefix(Integer.MAX_VALUE));
        assertEquals(length, in.remaining());
    }

    @ParameterizedTest(name = "var-uint {0} is refused ({1})")
    @CsvSource({
        "00, zero bytes",
        "020001, leading zero byte",
        "09010203040506070809, more than 8 bytes",
        "0201, truncated",
        "8101ff, non-canonical length of the var-uint",
    })
    void badVarUInts(String hex, String why) {
        assertThrows(CodecException.class, () -> reader(hex).varUInt(), why);
    }

    @ParameterizedTest(name = "var-uint {0} round-trips")
    @ValueSource(longs = {0, 1, 127, 128, 255, 256, 65535, Long.MAX_VALUE, Long.MIN_VALUE, -1})
    void varUIntRoundTrip(long value) {
        byte[] bytes = new OerWriter().writeVarUInt(value).toByteArray();
        assertEquals(OerWriter.varUIntSize(value), bytes.length);
        OerReader in = new OerReader(bytes);
        assertEquals(value, in.varUInt());
        in.requireEnd();
    }

    @Test
    void fixedWidthIntegers() {
        byte[] bytes = new OerWriter(15).writeUInt8(0xff).writeUInt16(0xfffe)
                .writeUInt32(0xffff_fffdL).writeUInt64(-1L).toByteArray();
        assertEquals("fffffefffffffdffffffffffffffff", HEX.formatHex(bytes));
        OerReader in = new OerReader(bytes);
        assertEquals(0xff, in.uint8());
        assertEquals(0xfffe, in.uint16());
        assertEquals(0xffff_fffdL, in.uint32());
        assertEquals(-1L, in.uint64());
        in.requireEnd();
        assertThrows(CodecException.class, in::uint8);
        assertThrows(IllegalArgumentException.class, () -> new OerWriter().writeUInt8(256));
        assertThrows(IllegalArgumentException.class, () -> new OerWriter().writeUInt32(-1));
    }

    @Test
    void trailingBytesAreReported() {
        OerReader in = reader("0102");
        in.uint8();
        CodecException e = assertThrows(CodecException.class, in::requireEnd);
        assertEquals(1, e.offset());
    }

    @Test
    void emptyVarOctetStringAndSubReaderOffsets() {
        OerReader in = reader("00" + "03" + "aabbcc");
        assertArrayEquals(new byte[0], in.varOctetString(10));
        OerReader sub = in.lengthPrefixed(10);
        in.requireEnd();
        sub.uint8();
        assertEquals(3, sub.position());
        CodecException e = assertThrows(CodecException.class, () -> sub.octets(5));
        assertEquals(3, e.offset());
    }

    @Test
    void ia5AndUtf8AreStrict() {
        assertThrows(CodecException.class, () -> reader("0261ff").varIa5String(10));
        assertEquals("é", reader("02c3a9").varUtf8String(10));
        assertThrows(CodecException.class, () -> reader("01c3").varUtf8String(10));
        // overlong encoding of '/' and a CESU-8 surrogate are not UTF-8
        assertThrows(CodecException.class, () -> reader("02c0af").varUtf8String(10));
        assertThrows(CodecException.class, () -> reader("03eda080").varUtf8String(10));
    }

    @Test
    void writerGrowsAndHandsOverExactBuffers() {
        OerWriter w = new OerWriter(1);
        for (int i = 0; i < 1000; i++) {
            w.writeUInt8(i & 0xff);
        }
        assertEquals(1000, w.toByteArray().length);
    }

    @Test
    void uint64Helpers() {
        assertEquals(-1L, UInt64.parse("18446744073709551615"));
        assertEquals("18446744073709551615", UInt64.format(UInt64.MAX));
        assertThrows(NumberFormatException.class, () -> UInt64.parse("18446744073709551616"));
        assertThrows(NumberFormatException.class, () -> UInt64.parse("-1"));
        assertThrows(NumberFormatException.class, () -> UInt64.parse("+1"));
        assertThrows(NumberFormatException.class, () -> UInt64.parse(""));
        assertTrue(UInt64.compare(-1L, 1L) > 0);
        assertEquals(-1L, UInt64.addExact(-2L, 1L));
        assertThrows(ArithmeticException.class, () -> UInt64.addExact(-1L, 1L));
        assertEquals(0L, UInt64.subtractExact(-1L, -1L));
        assertThrows(ArithmeticException.class, () -> UInt64.subtractExact(1L, 2L));
        assertEquals(-2L, UInt64.multiplyExact(Long.MAX_VALUE, 2L));
        assertThrows(ArithmeticException.class, () -> UInt64.multiplyExact(-1L, 2L));
        assertThrows(ArithmeticException.class,
                () -> UInt64.multiplyExact(1L << 32, 1L << 32));
        assertEquals(1L << 63, UInt64.multiplyExact(1L << 31, 1L << 32));
    }
}
