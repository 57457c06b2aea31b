package dev.ilpconnector.codec.ilp;

import dev.ilpconnector.Limits;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.oer.OerReader;
import dev.ilpconnector.codec.oer.OerWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Encodes and decodes ILPv4 packets (RFC 27 §Packet format, OER per RFC 30). Envelope: type
 * byte, then the content as a length-prefixed octet string. Strict: canonical lengths only, no
 * trailing bytes inside or after the envelope, every field validated. Stateless.
 * Decoders throw only {@link CodecException} for bad input.
 */
public final class IlpCodec {

    private IlpCodec() {
    }

    /** Decodes a Prepare, Fulfill or Reject. */
    public static IlpPacket decode(byte[] packet) {
        OerReader in = new OerReader(packet);
        int type = in.uint8();
        return switch (type) {
            case IlpPacket.TYPE_PREPARE -> prepareContent(envelope(in));
            case IlpPacket.TYPE_FULFILL -> fulfillContent(envelope(in));
            case IlpPacket.TYPE_REJECT -> rejectContent(envelope(in));
            default -> throw new CodecException("unknown ILP packet type " + type, 0);
        };
    }

    /** Decodes a packet that must be a Prepare. */
    public static IlpPrepare decodePrepare(byte[] packet) {
        OerReader in = new OerReader(packet);
        int type = in.uint8();
        if (type != IlpPacket.TYPE_PREPARE) {
            throw new CodecException("expected ILP Prepare (12), got type " + type, 0);
        }
        return prepareContent(envelope(in));
    }

    /** Decodes a packet that must be a Fulfill or a Reject. */
    public static IlpResponse decodeResponse(byte[] packet) {
        OerReader in = new OerReader(packet);
        int type = in.uint8();
        return switch (type) {
            case IlpPacket.TYPE_FULFILL -> fulfillContent(envelope(in));
            case IlpPacket.TYPE_REJECT -> rejectContent(envelope(in));
            default -> throw new CodecException(
                    "expected ILP Fulfill (13) or Reject (14), got type " + type, 0);
        };
    }

    /** RFC 27: the content is one var-octet string and nothing may follow it. */
    private static OerReader envelope(OerReader in) {
        OerReader content = in.lengthPrefixed(Limits.ILP_CONTENT_BYTES_MAX);
        in.requireEnd();
        return content;
    }

    private static IlpPrepare prepareContent(OerReader in) {
        long amount = in.uint64();
        int at = in.position();
        String stamp = in.ia5(Limits.TIMESTAMP_CHARS);
        Instant expiresAt;
        try {
            expiresAt = InterledgerTimestamp.parse(stamp);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad expiresAt: " + e.getMessage(), at, e);
        }
        byte[] condition = in.octets(Limits.CONDITION_BYTES);
        IlpAddress destination = address(in);
        byte[] data = in.varOctetString(Limits.DATA_BYTES_MAX);
        in.requireEnd();
        return new IlpPrepare(amount, expiresAt, condition, destination, data, true);
    }

    private static IlpAddress address(OerReader in) {
        int at = in.position();
        String value = in.varIa5String(Limits.ADDRESS_CHARS_MAX);
        String problem = IlpAddress.problem(value);
        if (problem != null) {
            throw new CodecException("bad destination: " + problem, at);
        }
        return new IlpAddress(value);
    }

    private static IlpFulfill fulfillContent(OerReader in) {
        byte[] fulfillment = in.octets(Limits.CONDITION_BYTES);
        byte[] data = in.varOctetString(Limits.DATA_BYTES_MAX);
        in.requireEnd();
        return new IlpFulfill(fulfillment, data, true);
    }

    private static IlpReject rejectContent(OerReader in) {
        int at = in.position();
        String code = in.ia5(Limits.ERROR_CODE_CHARS);
        String problem = IlpErrorCode.problem(code);
        if (problem != null) {
            throw new CodecException("bad code: " + problem, at);
        }
        at = in.position();
        String triggeredBy = in.varIa5String(Limits.ADDRESS_CHARS_MAX);
        problem = IlpReject.triggeredByProblem(triggeredBy);
        if (problem != null) {
            throw new CodecException("bad triggeredBy: " + problem, at);
        }
        int n = in.lengthPrefix(Limits.REJECT_MESSAGE_BYTES_MAX);
        int messageAt = in.position();
        String message = in.utf8(n);
        byte[] data = in.varOctetString(Limits.DATA_BYTES_MAX);
        in.requireEnd();
        byte[] messageUtf8 = message.getBytes(StandardCharsets.UTF_8);
        if (messageUtf8.length != n) {
            // cannot happen for strictly decoded UTF-8; guards byte-exact re-encoding
            throw new CodecException("message does not re-encode to its bytes", messageAt);
        }
        return new IlpReject(new IlpErrorCode(code), triggeredBy, message, messageUtf8, data);
    }

    /** Encodes any ILP packet; the output is sized exactly, written once, never copied. */
    public static byte[] encode(IlpPacket packet) {
        if (packet instanceof IlpPrepare p) {
            return encodePrepare(p);
        }
        if (packet instanceof IlpFulfill f) {
            return encodeFulfill(f);
        }
        return encodeReject((IlpReject) packet);
    }

    private static OerWriter envelopeWriter(int type, int contentSize) {
        OerWriter out = new OerWriter(1 + OerWriter.lengthPrefixSize(contentSize) + contentSize);
        out.writeUInt8(type);
        out.writeLengthPrefix(contentSize);
        return out;
    }

    private static byte[] encodePrepare(IlpPrepare p) {
        String destination = p.destination().value();
        int size = 8 + Limits.TIMESTAMP_CHARS + Limits.CONDITION_BYTES
                + OerWriter.lengthPrefixSize(destination.length()) + destination.length()
                + OerWriter.varOctetStringSize(p.dataLength());
        OerWriter out = envelopeWriter(IlpPacket.TYPE_PREPARE, size);
        out.writeUInt64(p.amount());
        char[] stamp = InterledgerTimestamp.toChars(p.expiresAt());
        for (char c : stamp) {
            out.writeUInt8(c);
        }
        out.writeOctets(p.conditionNoCopy());
        out.writeVarIa5String(destination);
        out.writeVarOctetString(p.dataNoCopy());
        return out.toByteArray();
    }

    private static byte[] encodeFulfill(IlpFulfill f) {
        int size = Limits.CONDITION_BYTES + OerWriter.varOctetStringSize(f.dataLength());
        OerWriter out = envelopeWriter(IlpPacket.TYPE_FULFILL, size);
        out.writeOctets(f.fulfillmentNoCopy());
        out.writeVarOctetString(f.dataNoCopy());
        return out.toByteArray();
    }

    private static byte[] encodeReject(IlpReject r) {
        String triggeredBy = r.triggeredBy();
        byte[] message = r.messageUtf8NoCopy();
        int size = Limits.ERROR_CODE_CHARS
                + OerWriter.lengthPrefixSize(triggeredBy.length()) + triggeredBy.length()
                + OerWriter.varOctetStringSize(message.length)
                + OerWriter.varOctetStringSize(r.dataLength());
        OerWriter out = envelopeWriter(IlpPacket.TYPE_REJECT, size);
        out.writeAscii(r.code().code());
        out.writeVarIa5String(triggeredBy);
        out.writeVarOctetString(message);
        out.writeVarOctetString(r.dataNoCopy());
        return out.toByteArray();
    }
}
