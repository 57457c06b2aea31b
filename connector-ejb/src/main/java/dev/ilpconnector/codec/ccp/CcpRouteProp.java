package dev.ilpconnector.codec.ccp;

import java.util.Arrays;

/**
 * One route property (RFC 10): meta flags, a UInt16 id and an opaque value. None are defined
 * yet; they are decoded so that the rest of the update can be read, and kept as received.
 *
 * @param optional   meta bit 0x80
 * @param transitive meta bit 0x40
 * @param partial    meta bit 0x20
 * @param utf8       meta bit 0x10: the value is text
 * @param id         UInt16
 * @param value      the value bytes (copied in and out)
 */
public record CcpRouteProp(boolean optional, boolean transitive, boolean partial, boolean utf8,
                           int id, byte[] value) {

    public CcpRouteProp {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("route property id must be 0..65535");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    int meta() {
        return (optional ? 0x80 : 0) | (transitive ? 0x40 : 0) | (partial ? 0x20 : 0)
                | (utf8 ? 0x10 : 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CcpRouteProp p && meta() == p.meta() && id == p.id
                && Arrays.equals(value, p.value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * meta() + id) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "CcpRouteProp[id=" + id + ", meta=" + Integer.toHexString(meta()) + ", valueBytes="
                + value.length + "]";
    }
}
