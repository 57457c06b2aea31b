package dev.ilpconnector.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few BTP 2.0 (RFC 23) and ILPv4 (RFC 27) frames a load generator and sink need, written
 * here rather than taken from the connector so the bench measures any connector with a codec
 * of its own. OER lengths: one byte below 128, else {@code 0x80|n} and n bytes.
 */
final class Frames {

    static final int BTP_RESPONSE = 1;
    static final int BTP_ERROR = 2;
    static final int BTP_MESSAGE = 6;
    static final int ILP_PREPARE = 12;
    static final int ILP_FULFILL = 13;
    static final int ILP_REJECT = 14;

    private static final DateTimeFormatter ILP_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);
    private static final byte[] ILP = "ilp".getBytes(StandardCharsets.US_ASCII);

    private Frames() {
    }

    /** The auth Message of RFC 23 §Authentication. */
    static byte[] auth(long requestId, String username, String token) {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        byte[] secret = token.getBytes(StandardCharsets.UTF_8);
        ByteBuffer content = ByteBuffer.allocate(64 + user.length + secret.length);
        varUInt(content, 3);
        entry(content, "auth", 0, new byte[0]);
        entry(content, "auth_username", 1, user);
        entry(content, "auth_token", 1, secret);
        return btp(BTP_MESSAGE, requestId, content);
    }

    /** A BTP Message (Prepare out) or Response (answer back) carrying one ilp entry. */
    static byte[] btpIlp(int type, long requestId, byte[] ilp) {
        ByteBuffer content = ByteBuffer.allocate(16 + ilp.length);
        varUInt(content, 1);
        content.put((byte) ILP.length).put(ILP).put((byte) 0);
        varOctets(content, ilp);
        return btp(type, requestId, content);
    }

    static byte[] prepare(long amount, Instant expiresAt, byte[] condition, byte[] destination,
                          byte[] data) {
        ByteBuffer body = ByteBuffer.allocate(8 + 17 + 32 + 8 + destination.length
                + data.length);
        body.putLong(amount);
        body.put(ILP_TIME.format(expiresAt).getBytes(StandardCharsets.US_ASCII));
        body.put(condition);
        varOctets(body, destination);
        varOctets(body, data);
        return ilp(ILP_PREPARE, body);
    }

    static byte[] fulfill(byte[] fulfillment) {
        ByteBuffer body = ByteBuffer.allocate(33);
        body.put(fulfillment).put((byte) 0);
        return ilp(ILP_FULFILL, body);
    }

    private static byte[] ilp(int type, ByteBuffer body) {
        body.flip();
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + body.remaining());
        out.put((byte) type);
        varOctets(out, body);
        return copy(out);
    }

    private static byte[] btp(int type, long requestId, ByteBuffer content) {
        content.flip();
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + 4 + content.remaining());
        out.put((byte) type).putInt((int) requestId);
        varOctets(out, content);
        return copy(out);
    }

    private static void entry(ByteBuffer out, String name, int contentType, byte[] data) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        varOctets(out, n);
        out.put((byte) contentType);
        varOctets(out, data);
    }

    private static void varUInt(ByteBuffer out, int value) {
        out.put((byte) 1).put((byte) value);
    }

    private static void varOctets(ByteBuffer out, byte[] data) {
        length(out, data.length);
        out.put(data);
    }

    private static void varOctets(ByteBuffer out, ByteBuffer data) {
        length(out, data.remaining());
        out.put(data);
    }

    private static void length(ByteBuffer out, int n) {
        if (n < 128) {
            out.put((byte) n);
        } else if (n < 256) {
            out.put((byte) 0x81).put((byte) n);
        } else {
            out.put((byte) 0x82).putShort((short) n);
        }
    }

    private static byte[] copy(ByteBuffer out) {
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    /** What a frame that came in is: its BTP type, requestId and ilp data (null if none). */
    record Incoming(int type, long requestId, byte[] ilp) {

        /** The ILP packet type of the ilp entry, or -1. */
        int ilpType() {
            return ilp == null || ilp.length == 0 ? -1 : ilp[0] & 0xFF;
        }

        /** A Reject's three-character code, else null. */
        String rejectCode() {
            if (ilpType() != ILP_REJECT) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(ilp, 1, ilp.length - 1);
            length(in);
            byte[] code = new byte[3];
            in.get(code);
            return new String(code, StandardCharsets.US_ASCII);
        }
    }

    /** Reads type, requestId and the ilp entry of a Message or Response; lenient otherwise. */
    static Incoming read(ByteBuffer frame) {
        int type = frame.get() & 0xFF;
        long requestId = frame.getInt() & 0xFFFF_FFFFL;
        if (type != BTP_MESSAGE && type != BTP_RESPONSE) {
            return new Incoming(type, requestId, null);
        }
        length(frame);
        int countBytes = frame.get();
        int count = 0;
        for (int i = 0; i < countBytes; i++) {
            count = (count << 8) | (frame.get() & 0xFF);
        }
        for (int i = 0; i < count; i++) {
            byte[] name = new byte[length(frame)];
            frame.get(name);
            frame.get(); // content type
            byte[] data = new byte[length(frame)];
            frame.get(data);
            if (name.length == 3 && name[0] == 'i' && name[1] == 'l' && name[2] == 'p') {
                return new Incoming(type, requestId, data);
            }
        }
        return new Incoming(type, requestId, null);
    }

    private static int length(ByteBuffer in) {
        int first = in.get() & 0xFF;
        if (first < 128) {
            return first;
        }
        int n = 0;
        for (int i = 0; i < (first & 0x7F); i++) {
            n = (n << 8) | (in.get() & 0xFF);
        }
        return n;
    }
}
