package dev.ilpconnector.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Test-side encoder/decoder for the BTP (RFC 23) and ILP (RFC 27, OER per RFC 30) frames the
 * black-box tests send and read. Written separately from the connector's codec on purpose: the
 * tests check the server against an independent reading of the RFCs (and {@code FramesTest}
 * checks this class against the JS reference vectors). Lenient: it trusts its input.
 */
final class Frames {

    static final int BTP_RESPONSE = 1;
    static final int BTP_ERROR = 2;
    static final int BTP_MESSAGE = 6;
    static final int BTP_TRANSFER = 7;
    static final int ILP_PREPARE = 12;
    static final int ILP_FULFILL = 13;
    static final int ILP_REJECT = 14;
    static final int OCTET_STREAM = 0;
    static final int TEXT_UTF8 = 1;

    /** RFC 27: expiresAt is exactly 17 digits, YYYYMMDDHHmmssfff, UTC. */
    private static final DateTimeFormatter ILP_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    private Frames() {
    }

    record ProtocolData(String name, int contentType, byte[] data) {
        static ProtocolData text(String name, String value) {
            return new ProtocolData(name, TEXT_UTF8, value.getBytes(StandardCharsets.UTF_8));
        }

        static ProtocolData ilp(byte[] packet) {
            return new ProtocolData("ilp", OCTET_STREAM, packet);
        }

        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** A decoded BTP packet; error fields are null unless type is BTP_ERROR. */
    record Btp(int type, long requestId, List<ProtocolData> protocolData, String errorCode,
               String errorName, String triggeredAt, byte[] errorData, long amount) {
        Optional<ProtocolData> find(String name) {
            return protocolData.stream().filter(p -> p.name().equals(name)).findFirst();
        }

        @Override
        public String toString() {
            return "Btp[type=" + type + " requestId=" + requestId + " protocols="
                    + protocolData.stream().map(ProtocolData::name).toList()
                    + (type == BTP_ERROR ? " error=" + errorCode + " " + errorName + " "
                    + new String(errorData, StandardCharsets.UTF_8) : "") + "]";
        }
    }

    record Prepare(long amount, String expiresAt, byte[] executionCondition, String destination,
                   byte[] data) {
    }

    record Fulfill(byte[] fulfillment, byte[] data) {
    }

    record Reject(String code, String triggeredBy, String message, byte[] data) {
    }

    record Ildcp(String clientAddress, int assetScale, String assetCode) {
    }

    // ---------------------------------------------------------------- BTP

    static byte[] btpMessage(long requestId, List<ProtocolData> protocolData) {
        Writer content = new Writer();
        writeProtocolData(content, protocolData);
        return new Writer().u8(BTP_MESSAGE).u32(requestId).varOctets(content.bytes()).bytes();
    }

    static byte[] btpResponse(long requestId, List<ProtocolData> protocolData) {
        Writer content = new Writer();
        writeProtocolData(content, protocolData);
        return new Writer().u8(BTP_RESPONSE).u32(requestId).varOctets(content.bytes()).bytes();
    }

    /** RFC 23 §auth: the first message of a session. */
    static byte[] btpAuth(long requestId, String username, String token) {
        return btpMessage(requestId, List.of(
                new ProtocolData("auth", OCTET_STREAM, new byte[0]),
                ProtocolData.text("auth_username", username),
                ProtocolData.text("auth_token", token)));
    }

    static byte[] btpIlp(long requestId, byte[] ilpPacket) {
        return btpMessage(requestId, List.of(ProtocolData.ilp(ilpPacket)));
    }

    static Btp decodeBtp(byte[] frame) {
        Reader r = new Reader(frame);
        int type = r.u8();
        long requestId = r.u32();
        Reader c = new Reader(r.varOctets());
        switch (type) {
            case BTP_RESPONSE, BTP_MESSAGE:
                return new Btp(type, requestId, readProtocolData(c), null, null, null, null, 0);
            case BTP_TRANSFER: {
                long amount = c.u64();
                return new Btp(type, requestId, readProtocolData(c), null, null, null, null,
                        amount);
            }
            case BTP_ERROR: {
                String code = c.ascii(3);
                String name = c.varAscii();
                String triggeredAt = c.varAscii();
                byte[] data = c.varOctets();
                return new Btp(type, requestId, readProtocolData(c), code, name, triggeredAt,
                        data, 0);
            }
            default:
                throw new IllegalArgumentException("unknown BTP type " + type);
        }
    }

    private static void writeProtocolData(Writer w, List<ProtocolData> list) {
        w.varUInt(list.size());
        for (ProtocolData p : list) {
            w.varOctets(p.name().getBytes(StandardCharsets.US_ASCII)).u8(p.contentType())
                    .varOctets(p.data());
        }
    }

    private static List<ProtocolData> readProtocolData(Reader r) {
        long n = r.varUInt();
        List<ProtocolData> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(new ProtocolData(r.varAscii(), r.u8(), r.varOctets()));
        }
        return out;
    }

    // ---------------------------------------------------------------- ILP

    static byte[] ilpPrepare(long amount, Instant expiresAt, byte[] condition, String destination,
                             byte[] data) {
        Writer c = new Writer().u64(amount)
                .raw(ILP_TIME.format(expiresAt).getBytes(StandardCharsets.US_ASCII))
                .raw(condition)
                .varOctets(destination.getBytes(StandardCharsets.US_ASCII))
                .varOctets(data);
        return new Writer().u8(ILP_PREPARE).varOctets(c.bytes()).bytes();
    }

    static byte[] ilpFulfill(byte[] fulfillment, byte[] data) {
        Writer c = new Writer().raw(fulfillment).varOctets(data);
        return new Writer().u8(ILP_FULFILL).varOctets(c.bytes()).bytes();
    }

    static byte[] ilpReject(String code, String triggeredBy, String message, byte[] data) {
        Writer c = new Writer().raw(code.getBytes(StandardCharsets.US_ASCII))
                .varOctets(triggeredBy.getBytes(StandardCharsets.US_ASCII))
                .varOctets(message.getBytes(StandardCharsets.UTF_8)).varOctets(data);
        return new Writer().u8(ILP_REJECT).varOctets(c.bytes()).bytes();
    }

    /** Decodes a Prepare, Fulfill or Reject. */
    static Object decodeIlp(byte[] packet) {
        Reader r = new Reader(packet);
        int type = r.u8();
        Reader c = new Reader(r.varOctets());
        return switch (type) {
            case ILP_PREPARE -> new Prepare(c.u64(), c.ascii(17), c.raw(32), c.varAscii(),
                    c.varOctets());
            case ILP_FULFILL -> new Fulfill(c.raw(32), c.varOctets());
            case ILP_REJECT -> new Reject(c.ascii(3), c.varAscii(),
                    new String(c.varOctets(), StandardCharsets.UTF_8), c.varOctets());
            default -> throw new IllegalArgumentException("unknown ILP type " + type);
        };
    }

    /** RFC 31: Prepare to peer.config, amount 0, condition SHA-256(32 zero bytes). */
    static byte[] ildcpRequest(Instant expiresAt) {
        return ilpPrepare(0, expiresAt, sha256(new byte[32]), "peer.config", new byte[0]);
    }

    static Ildcp decodeIldcp(byte[] fulfillData) {
        Reader r = new Reader(fulfillData);
        return new Ildcp(r.varAscii(), r.u8(), new String(r.varOctets(), StandardCharsets.UTF_8));
    }

    /** RFC 27 §F08 data: receivedAmount, maximumAmount (UInt64 each). */
    static long[] amountTooLarge(byte[] rejectData) {
        Reader r = new Reader(rejectData);
        return new long[] {r.u64(), r.u64()};
    }

    static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- OER

    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer u8(int v) {
            out.write(v);
            return this;
        }

        Writer u32(long v) {
            for (int s = 24; s >= 0; s -= 8) {
                out.write((int) (v >>> s));
            }
            return this;
        }

        Writer u64(long v) {
            for (int s = 56; s >= 0; s -= 8) {
                out.write((int) (v >>> s));
            }
            return this;
        }

        Writer raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        /** Length determinant: short form below 128, else 0x80|n and n big-endian bytes. */
        Writer length(int n) {
            if (n < 128) {
                return u8(n);
            }
            byte[] be = minimal(n);
            u8(0x80 | be.length);
            return raw(be);
        }

        Writer varOctets(byte[] b) {
            return length(b.length).raw(b);
        }

        Writer varUInt(long v) {
            return varOctets(minimal(v));
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private static byte[] minimal(long v) {
            int n = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 7) / 8);
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[n - 1 - i] = (byte) (v >>> (8 * i));
            }
            return b;
        }
    }

    static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        int u8() {
            return buf[pos++] & 0xff;
        }

        long u32() {
            return uint(4);
        }

        long u64() {
            return uint(8);
        }

        private long uint(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | u8();
            }
            return v;
        }

        byte[] raw(int n) {
            byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return b;
        }

        int length() {
            int first = u8();
            if (first < 128) {
                return first;
            }
            return (int) uint(first & 0x7f);
        }

        byte[] varOctets() {
            return raw(length());
        }

        long varUInt() {
            byte[] b = varOctets();
            long v = 0;
            for (byte x : b) {
                v = (v << 8) | (x & 0xff);
            }
            return v;
        }

        String ascii(int n) {
            return new String(raw(n), StandardCharsets.US_ASCII);
        }

        String varAscii() {
            return new String(varOctets(), StandardCharsets.US_ASCII);
        }
    }
}
