package dev.ilpconnector.codec.btp;

import dev.ilpconnector.Limits;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.oer.OerReader;
import dev.ilpconnector.codec.oer.OerWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes BTP 2.0 frames (RFC 23): type (UInt8), requestId (UInt32), then the
 * type's content as one length-prefixed octet string. Strict canonical OER (RFC 30): no
 * trailing bytes inside or after the content, frames bounded by
 * {@link Limits#BTP_FRAME_BYTES_MAX}. Types 3, 4, 5 (BTP 1 Prepare/Fulfill/Reject) are refused.
 * Stateless; decoders throw only {@link CodecException} for bad input.
 */
public final class BtpCodec {

    private BtpCodec() {
    }

    /** Decodes one BTP frame. */
    public static BtpPacket decode(byte[] frame) {
        if (frame.length > Limits.BTP_FRAME_BYTES_MAX) {
            throw new CodecException("BTP frame of " + frame.length + " bytes exceeds "
                    + Limits.BTP_FRAME_BYTES_MAX, 0);
        }
        OerReader in = new OerReader(frame);
        int type = in.uint8();
        if (type != BtpPacket.TYPE_RESPONSE && type != BtpPacket.TYPE_ERROR
                && type != BtpPacket.TYPE_MESSAGE && type != BtpPacket.TYPE_TRANSFER) {
            throw new CodecException("unknown BTP type " + type, 0);
        }
        long requestId = in.uint32();
        OerReader content = in.lengthPrefixed(Limits.BTP_FRAME_BYTES_MAX);
        in.requireEnd();
        BtpPacket packet = switch (type) {
            case BtpPacket.TYPE_RESPONSE -> new BtpResponse(requestId, protocolData(content));
            case BtpPacket.TYPE_MESSAGE -> new BtpMessage(requestId, protocolData(content));
            case BtpPacket.TYPE_TRANSFER -> transfer(requestId, content);
            default -> error(requestId, content);
        };
        content.requireEnd();
        return packet;
    }

    private static BtpTransfer transfer(long requestId, OerReader in) {
        long amount = in.uint64();
        return new BtpTransfer(requestId, amount, protocolData(in));
    }

    private static BtpError error(long requestId, OerReader in) {
        int at = in.position();
        String code = in.ia5(3);
        String problem = BtpError.codeProblem(code);
        if (problem != null) {
            throw new CodecException("bad error " + problem, at);
        }
        at = in.position();
        String name = in.varIa5String(Limits.BTP_ERROR_NAME_CHARS_MAX);
        problem = BtpError.nameProblem(name);
        if (problem != null) {
            throw new CodecException("bad error " + problem, at);
        }
        at = in.position();
        String time = in.varIa5String(Limits.GENERALIZED_TIME_CHARS_MAX);
        Instant triggeredAt;
        try {
            triggeredAt = GeneralizedTime.parse(time);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad triggeredAt: " + e.getMessage(), at, e);
        }
        byte[] data = in.varOctetString(Limits.BTP_ERROR_DATA_BYTES_MAX);
        return new BtpError(requestId, code, name, triggeredAt, data, protocolData(in));
    }

    /** RFC 23 ProtocolData: var-uint count, then (name IA5, contentType UInt8, data) each. */
    private static List<BtpProtocolData> protocolData(OerReader in) {
        int at = in.position();
        long count = in.varUInt();
        // each entry takes at least 3 bytes: name length, content type, data length
        if (Long.compareUnsigned(count, Limits.PROTOCOL_DATA_ENTRIES_MAX) > 0
                || count * 3 > in.remaining()) {
            throw new CodecException("protocol data count " + Long.toUnsignedString(count)
                    + " exceeds the limit or the bytes left", at);
        }
        List<BtpProtocolData> entries = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            at = in.position();
            String name = in.varIa5String(Limits.PROTOCOL_NAME_CHARS_MAX);
            String problem = BtpProtocolData.nameProblem(name);
            if (problem != null) {
                throw new CodecException(problem, at);
            }
            int contentType = in.uint8();
            byte[] data = in.varOctetString(Limits.BTP_FRAME_BYTES_MAX);
            entries.add(new BtpProtocolData(name, contentType, data, true));
        }
        String problem = BtpChecks.protocolDataProblem(entries);
        if (problem != null) {
            throw new CodecException(problem, at);
        }
        return entries;
    }

    /**
     * Encodes one BTP frame.
     *
     * @throws IllegalArgumentException when the frame would exceed
     *     {@link Limits#BTP_FRAME_BYTES_MAX}
     */
    public static byte[] encode(BtpPacket packet) {
        String time = null;
        // long: 16 entries of huge arrays must not overflow before the limit check
        long contentSize = protocolDataSize(packet.protocolData());
        if (packet instanceof BtpTransfer) {
            contentSize += 8;
        } else if (packet instanceof BtpError e) {
            time = GeneralizedTime.format(e.triggeredAt());
            contentSize += 3 + OerWriter.varOctetStringSize(e.name().length())
                    + OerWriter.varOctetStringSize(time.length())
                    + OerWriter.varOctetStringSize(e.dataLength());
        }
        if (contentSize > Limits.BTP_FRAME_BYTES_MAX) {
            throw tooLarge(contentSize);
        }
        int size = 1 + 4 + OerWriter.varOctetStringSize((int) contentSize);
        if (size > Limits.BTP_FRAME_BYTES_MAX) {
            throw tooLarge(size);
        }
        // sized exactly: one buffer, written once, handed over without a copy
        OerWriter out = new OerWriter(size)
                .writeUInt8(packet.typeId())
                .writeUInt32(packet.requestId())
                .writeLengthPrefix((int) contentSize);
        if (packet instanceof BtpTransfer t) {
            out.writeUInt64(t.amount());
        } else if (packet instanceof BtpError e) {
            out.writeAscii(e.code());
            out.writeVarIa5String(e.name());
            out.writeVarIa5String(time);
            out.writeVarOctetString(e.dataNoCopy());
        }
        writeProtocolData(out, packet.protocolData());
        return out.toByteArray();
    }

    private static IllegalArgumentException tooLarge(long bytes) {
        return new IllegalArgumentException("BTP frame of at least " + bytes
                + " bytes exceeds " + Limits.BTP_FRAME_BYTES_MAX);
    }

    private static long protocolDataSize(List<BtpProtocolData> entries) {
        long size = OerWriter.varUIntSize(entries.size());
        for (BtpProtocolData entry : entries) {
            size += OerWriter.varOctetStringSize(entry.protocolName().length()) + 1
                    + OerWriter.varOctetStringSize(entry.dataLength());
        }
        return size;
    }

    private static void writeProtocolData(OerWriter out, List<BtpProtocolData> entries) {
        out.writeVarUInt(entries.size());
        for (BtpProtocolData entry : entries) {
            out.writeVarIa5String(entry.protocolName());
            out.writeUInt8(entry.contentType());
            out.writeVarOctetString(entry.dataNoCopy());
        }
    }
}
