package dev.ilpconnector.codec.oer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads canonical OER (RFC 30) from a byte array window. Every read checks the bytes left first
 * and throws {@link CodecException} (never an IndexOutOfBounds); every length read from the
 * wire is checked against the bytes left and a caller-given maximum before anything is
 * allocated. Offsets in error messages are relative to the start of the outermost buffer.
 * Not thread-safe; one reader per decode.
 */
public final class OerReader {

    private final byte[] buf;
    private final int origin;
    private final int end;
    private int pos;

    /** Reads the whole array. */
    public OerReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    /** Reads {@code length} bytes of {@code buf} from {@code offset}. */
    public OerReader(byte[] buf, int offset, int length) {
        this(buf, offset, offset, length);
    }

    private OerReader(byte[] buf, int origin, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IllegalArgumentException("window outside the buffer");
        }
        this.buf = buf;
        this.origin = origin;
        this.pos = offset;
        this.end = offset + length;
    }

    /** Position relative to the start of the outermost buffer (for error messages). */
    public int position() {
        return pos - origin;
    }

    public int remaining() {
        return end - pos;
    }

    /** RFC 30: nothing may follow the last field of an envelope. */
    public void requireEnd() {
        if (pos != end) {
            throw new CodecException((end - pos) + " trailing byte(s)", position());
        }
    }

    private void need(int n, String what) {
        if (n > end - pos) {
            throw new CodecException(what + " needs " + n + " byte(s), " + (end - pos)
                    + " left", position());
        }
    }

    public int uint8() {
        need(1, "uint8");
        return buf[pos++] & 0xff;
    }

    public int uint16() {
        need(2, "uint16");
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    /** Unsigned 32-bit value in a long. */
    public long uint32() {
        need(4, "uint32");
        long v = readBigEndian(pos, 4);
        pos += 4;
        return v;
    }

    /** Unsigned 64-bit value as a bit pattern (see {@link UInt64}). */
    public long uint64() {
        need(8, "uint64");
        long v = readBigEndian(pos, 8);
        pos += 8;
        return v;
    }

    private long readBigEndian(int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (buf[at + i] & 0xff);
        }
        return v;
    }

    /**
     * RFC 30 variable-length unsigned integer: a length determinant (1..8) then that many
     * big-endian bytes. Canonical only: no leading zero byte unless the value is the single
     * byte 0.
     */
    public long varUInt() {
        int at = position();
        int n = lengthPrefix(8);
        if (n == 0) {
            throw new CodecException("var-uint of zero bytes", at);
        }
        if (n > 1 && buf[pos] == 0) {
            throw new CodecException("var-uint with a leading zero byte (not canonical)", at);
        }
        long v = readBigEndian(pos, n);
        pos += n;
        return v;
    }

    /**
     * RFC 30 length determinant, canonical only: short form is one byte below 128; long form
     * is 0x80|n followed by n bytes with no leading zero byte and a value of at least 128.
     * The value is checked against the bytes left and against {@code max}.
     */
    public int lengthPrefix(int max) {
        int at = position();
        int first = uint8();
        int value;
        if (first < 0x80) {
            value = first;
        } else {
            int n = first & 0x7f;
            if (n == 0) {
                throw new CodecException("indefinite length form 0x80 not allowed", at);
            }
            // a length above 2^31-1 can never fit a Java array nor any of our maxima
            if (n > 4) {
                throw new CodecException("length prefix of " + n + " bytes is too large", at);
            }
            need(n, "length prefix");
            if (buf[pos] == 0) {
                throw new CodecException("length prefix with a leading zero byte", at);
            }
            long v = readBigEndian(pos, n);
            pos += n;
            if (v < 0x80) {
                throw new CodecException("length " + v + " in long form (not canonical)", at);
            }
            if (v > Integer.MAX_VALUE) {
                throw new CodecException("length " + v + " is too large", at);
            }
            value = (int) v;
        }
        if (value > max) {
            throw new CodecException("length " + value + " exceeds maximum " + max, at);
        }
        if (value > end - pos) {
            throw new CodecException("length " + value + " exceeds the " + (end - pos)
                    + " byte(s) left", at);
        }
        return value;
    }

    /** Length-prefixed sub-reader over the next bytes; this reader skips past them. */
    public OerReader lengthPrefixed(int max) {
        int n = lengthPrefix(max);
        OerReader sub = new OerReader(buf, origin, pos, n);
        pos += n;
        return sub;
    }

    /** A copy of the next n bytes (n checked against the bytes left first). */
    public byte[] octets(int n) {
        if (n < 0) {
            throw new CodecException("negative length " + n, position());
        }
        need(n, "octet string");
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** Length-prefixed octet string of at most {@code max} bytes (may be empty). */
    public byte[] varOctetString(int max) {
        return octets(lengthPrefix(max));
    }

    /** Fixed-size IA5 (7-bit ASCII) string of n characters. */
    public String ia5(int n) {
        int at = position();
        need(n, "IA5 string");
        for (int i = 0; i < n; i++) {
            if (buf[pos + i] < 0) {
                throw new CodecException("non-IA5 byte in string", at + i);
            }
        }
        // Checked 7-bit: decoding as US-ASCII builds the compact string with no char[] detour.
        String s = new String(buf, pos, n, StandardCharsets.US_ASCII);
        pos += n;
        return s;
    }

    /** Length-prefixed IA5 string of at most {@code max} characters. */
    public String varIa5String(int max) {
        return ia5(lengthPrefix(max));
    }

    /** Length-prefixed UTF-8 string of at most {@code maxBytes} bytes; malformed UTF-8 fails. */
    public String varUtf8String(int maxBytes) {
        int n = lengthPrefix(maxBytes);
        return utf8(n);
    }

    /** Strictly decoded UTF-8 of the next n bytes (overlong forms and bad surrogates fail). */
    public String utf8(int n) {
        int at = position();
        need(n, "UTF-8 string");
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, pos, n))
                    .toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw new CodecException("malformed UTF-8", at, e);
        }
    }
}
