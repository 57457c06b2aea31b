package dev.ilpconnector.codec.stream;

import dev.ilpconnector.Limits;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.oer.OerReader;
import dev.ilpconnector.codec.oer.OerWriter;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionAssetDetails;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionClose;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionDataBlocked;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionMaxData;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionMaxStreamId;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionNewAddress;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionStreamIdBlocked;
import dev.ilpconnector.codec.stream.StreamFrame.StreamClose;
import dev.ilpconnector.codec.stream.StreamFrame.StreamData;
import dev.ilpconnector.codec.stream.StreamFrame.StreamDataBlocked;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMaxData;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMaxMoney;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMoney;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMoneyBlocked;
import dev.ilpconnector.codec.stream.StreamFrame.StreamReceipt;
import dev.ilpconnector.codec.stream.StreamFrame.Unknown;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The STREAM packet in canonical OER before encryption (RFC 29 §5.2): UInt8 version, UInt8
 * ILP packet type, VarUInt sequence, VarUInt prepare amount, VarUInt frame count, then per
 * frame UInt8 type and a length-prefixed body. Known frames must fill their body exactly;
 * unknown frame types are kept as {@link Unknown} (RFC 29 §5.3: skipped, not errors). Zero
 * bytes after the last frame are padding (the JS library pads to hide lengths); anything
 * else after it is refused. Bad input throws {@link CodecException}.
 */
public final class StreamCodec {

    /** Largest plaintext that fits a Prepare's data after the IV and the GCM tag. */
    public static final int PLAINTEXT_BYTES_MAX =
            Limits.DATA_BYTES_MAX - StreamCrypto.IV_BYTES - StreamCrypto.TAG_BYTES;

    private StreamCodec() {
    }

    /** Decodes a decrypted STREAM packet. */
    public static StreamPacket decode(byte[] plaintext) {
        OerReader in = new OerReader(plaintext);
        int version = in.uint8();
        if (version != StreamPacket.VERSION) {
            throw new CodecException("unsupported STREAM version " + version, 0);
        }
        int type = in.uint8();
        if (type != StreamPacket.ILP_PREPARE && type != StreamPacket.ILP_FULFILL
                && type != StreamPacket.ILP_REJECT) {
            throw new CodecException("ILP packet type " + type + " is not 12, 13 or 14", 1);
        }
        long sequence = in.varUInt();
        long prepareAmount = in.varUInt();
        long count = in.varUInt();
        // the list grows as frames parse: the count is untrusted, every frame needs 2 bytes
        List<StreamFrame> frames = new ArrayList<>();
        for (long i = 0; Long.compareUnsigned(i, count) < 0; i++) {
            frames.add(frame(in));
        }
        requirePadding(in);
        return new StreamPacket(type, sequence, prepareAmount, frames);
    }

    private static void requirePadding(OerReader in) {
        while (in.remaining() > 0) {
            int at = in.position();
            if (in.uint8() != 0) {
                throw new CodecException("non-zero byte after the last frame", at);
            }
        }
    }

    private static StreamFrame frame(OerReader in) {
        int type = in.uint8();
        OerReader body = in.lengthPrefixed(in.remaining());
        StreamFrame frame = switch (type) {
            case StreamFrame.CONNECTION_CLOSE -> new ConnectionClose(
                    new StreamErrorCode(body.uint8()), body.varUtf8String(body.remaining()));
            case StreamFrame.CONNECTION_NEW_ADDRESS ->
                    new ConnectionNewAddress(body.varIa5String(Limits.ADDRESS_CHARS_MAX));
            case StreamFrame.CONNECTION_MAX_DATA -> new ConnectionMaxData(body.varUInt());
            case StreamFrame.CONNECTION_DATA_BLOCKED -> new ConnectionDataBlocked(body.varUInt());
            case StreamFrame.CONNECTION_MAX_STREAM_ID -> new ConnectionMaxStreamId(body.varUInt());
            case StreamFrame.CONNECTION_STREAM_ID_BLOCKED ->
                    new ConnectionStreamIdBlocked(body.varUInt());
            case StreamFrame.CONNECTION_ASSET_DETAILS -> new ConnectionAssetDetails(
                    body.varUtf8String(body.remaining()), body.uint8());
            case StreamFrame.STREAM_CLOSE -> new StreamClose(body.varUInt(),
                    new StreamErrorCode(body.uint8()), body.varUtf8String(body.remaining()));
            case StreamFrame.STREAM_MONEY -> new StreamMoney(body.varUInt(), body.varUInt());
            case StreamFrame.STREAM_MAX_MONEY ->
                    new StreamMaxMoney(body.varUInt(), body.varUInt(), body.varUInt());
            case StreamFrame.STREAM_MONEY_BLOCKED ->
                    new StreamMoneyBlocked(body.varUInt(), body.varUInt(), body.varUInt());
            case StreamFrame.STREAM_DATA -> new StreamData(body.varUInt(), body.varUInt(),
                    body.varOctetString(body.remaining()));
            case StreamFrame.STREAM_MAX_DATA -> new StreamMaxData(body.varUInt(), body.varUInt());
            case StreamFrame.STREAM_DATA_BLOCKED ->
                    new StreamDataBlocked(body.varUInt(), body.varUInt());
            case StreamFrame.STREAM_RECEIPT -> new StreamReceipt(body.varUInt(),
                    body.varOctetString(body.remaining()));
            default -> new Unknown(type, body.octets(body.remaining()));
        };
        body.requireEnd();
        return frame;
    }

    /** Encodes a STREAM packet (plaintext, before encryption). */
    public static byte[] encode(StreamPacket packet) {
        OerWriter out = new OerWriter(64);
        out.writeUInt8(StreamPacket.VERSION)
                .writeUInt8(packet.ilpPacketType())
                .writeVarUInt(packet.sequence())
                .writeVarUInt(packet.prepareAmount())
                .writeVarUInt(packet.frames().size());
        for (StreamFrame frame : packet.frames()) {
            out.writeUInt8(frame.type()).writeVarOctetString(body(frame));
        }
        return out.toByteArray();
    }

    private static byte[] body(StreamFrame frame) {
        OerWriter out = new OerWriter(16);
        if (frame instanceof ConnectionClose f) {
            out.writeUInt8(f.errorCode().value()).writeVarOctetString(utf8(f.errorMessage()));
        } else if (frame instanceof ConnectionNewAddress f) {
            out.writeVarIa5String(f.sourceAccount());
        } else if (frame instanceof ConnectionMaxData f) {
            out.writeVarUInt(f.maxOffset());
        } else if (frame instanceof ConnectionDataBlocked f) {
            out.writeVarUInt(f.maxOffset());
        } else if (frame instanceof ConnectionMaxStreamId f) {
            out.writeVarUInt(f.maxStreamId());
        } else if (frame instanceof ConnectionStreamIdBlocked f) {
            out.writeVarUInt(f.maxStreamId());
        } else if (frame instanceof ConnectionAssetDetails f) {
            out.writeVarOctetString(utf8(f.sourceAssetCode())).writeUInt8(f.sourceAssetScale());
        } else if (frame instanceof StreamClose f) {
            out.writeVarUInt(f.streamId()).writeUInt8(f.errorCode().value())
                    .writeVarOctetString(utf8(f.errorMessage()));
        } else if (frame instanceof StreamMoney f) {
            out.writeVarUInt(f.streamId()).writeVarUInt(f.shares());
        } else if (frame instanceof StreamMaxMoney f) {
            out.writeVarUInt(f.streamId()).writeVarUInt(f.receiveMax())
                    .writeVarUInt(f.totalReceived());
        } else if (frame instanceof StreamMoneyBlocked f) {
            out.writeVarUInt(f.streamId()).writeVarUInt(f.sendMax()).writeVarUInt(f.totalSent());
        } else if (frame instanceof StreamData f) {
            out.writeVarUInt(f.streamId()).writeVarUInt(f.offset()).writeVarOctetString(f.data());
        } else if (frame instanceof StreamMaxData f) {
            out.writeVarUInt(f.streamId()).writeVarUInt(f.maxOffset());
        } else if (frame instanceof StreamDataBlocked f) {
            out.writeVarUInt(f.streamId()).writeVarUInt(f.maxOffset());
        } else if (frame instanceof StreamReceipt f) {
            out.writeVarUInt(f.streamId()).writeVarOctetString(f.receipt());
        } else {
            out.writeOctets(((Unknown) frame).contents());
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
