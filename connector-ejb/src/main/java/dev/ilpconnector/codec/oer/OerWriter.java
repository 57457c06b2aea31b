package dev.ilpconnector.codec.oer;

import java.util.Arrays;

/**
 * Writes canonical OER (RFC 30). Give the exact size when known (the ILP hot path does) and
 * {@link #toByteArray()} hands over the buffer without a copy; otherwise it grows.
 * Not thread-safe; one writer per encode.
 */
public final class OerWriter {

    private byte[] buf;
    private int pos;

    public OerWriter() {
        this(64);
    }

    /** @param capacity initial size in bytes; exact size avoids any copy */
    public OerWriter(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity " + capacity);
        }
        this.buf = new byte[capacity];
    }

    /** Bytes of a canonical length determinant for {@code length}. */
    public static int lengthPrefixSize(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        if (length < 0x80) {
            return 1;
        }
        return 1 + bytesNeeded(length);
    }

    /** Bytes of a length-prefixed octet string whose content is {@code length} bytes. */
    public static int varOctetStringSize(int length) {
        return lengthPrefixSize(length) + length;
    }

    /** Bytes of a canonical var-uint (length byte + minimal big-endian bytes). */
    public static int varUIntSize(long value) {
        return 1 + unsignedBytesNeeded(value);
    }

    private static int bytesNeeded(int value) {
        return (32 - Integer.numberOfLeadingZeros(value) + 7) / 8;
    }

    private static int unsignedBytesNeeded(long value) {
        return value == 0 ? 1 : (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
    }

    private void ensure(int n) {
        if (n > buf.length - pos) {
            int want = Math.max(pos + n, buf.length * 2);
            buf = Arrays.copyOf(buf, want);
        }
    }

    public int size() {
        return pos;
    }

    public OerWriter writeUInt8(int value) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException("uint8 out of range: " + value);
        }
        ensure(1);
        buf[pos++] = (byte) value;
        return this;
    }

    public OerWriter writeUInt16(int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("uint16 out of range: " + value);
        }
        ensure(2);
        writeBigEndian(value, 2);
        return this;
    }

    public OerWriter writeUInt32(long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("uint32 out of range: " + value);
        }
        ensure(4);
        writeBigEndian(value, 4);
        return this;
    }

    /** Unsigned 64-bit bit pattern. */
    public OerWriter writeUInt64(long value) {
        ensure(8);
        writeBigEndian(value, 8);
        return this;
    }

    private void writeBigEndian(long value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            buf[pos++] = (byte) (value >>> (8 * i));
        }
    }

    /** Canonical var-uint: minimal big-endian bytes behind a one-byte length. */
    public OerWriter writeVarUInt(long value) {
        int n = unsignedBytesNeeded(value);
        ensure(1 + n);
        buf[pos++] = (byte) n;
        writeBigEndian(value, n);
        return this;
    }

    /** Canonical length determinant. */
    public OerWriter writeLengthPrefix(int length) {
        int size = lengthPrefixSize(length);
        ensure(size);
        if (size == 1) {
            buf[pos++] = (byte) length;
        } else {
            buf[pos++] = (byte) (0x80 | (size - 1));
            writeBigEndian(length, size - 1);
        }
        return this;
    }

    public OerWriter writeOctets(byte[] bytes) {
        return writeOctets(bytes, 0, bytes.length);
    }

    public OerWriter writeOctets(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, pos, length);
        pos += length;
        return this;
    }

    public OerWriter writeVarOctetString(byte[] bytes) {
        writeLengthPrefix(bytes.length);
        return writeOctets(bytes);
    }

    /** Writes the characters of an ASCII string as bytes, no length (caller checked ASCII). */
    public OerWriter writeAscii(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = ascii.charAt(i);
            if (c > 0x7f) {
                throw new IllegalArgumentException("non-IA5 character at index " + i);
            }
            buf[pos++] = (byte) c;
        }
        return this;
    }

    /** Length-prefixed IA5 string. */
    public OerWriter writeVarIa5String(String ascii) {
        writeLengthPrefix(ascii.length());
        return writeAscii(ascii);
    }

    /**
     * The bytes written. When the writer was sized exactly, this is its buffer (no copy) and
     * the writer must not be used afterwards.
     */
    public byte[] toByteArray() {
        return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
    }
}
