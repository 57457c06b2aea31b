package dev.ilpconnector.web.admin;

import dev.ilpconnector.codec.btp.BtpCodec;
import dev.ilpconnector.codec.btp.BtpError;
import dev.ilpconnector.codec.btp.BtpMessage;
import dev.ilpconnector.codec.btp.BtpPacket;
import dev.ilpconnector.codec.btp.BtpProtocolData;
import dev.ilpconnector.codec.btp.BtpResponse;
import dev.ilpconnector.codec.btp.BtpTransfer;
import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPacket;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.oer.CodecException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * ILP (RFC 27) and BTP (RFC 23) packets as JSON, with the field names and conventions of the
 * shared vectors ({@code vectors.json}): amounts as decimal strings (unsigned 64-bit), buffers as
 * lowercase hex, times as ISO-8601 with milliseconds ({@code 2017-12-23T01:21:40.549Z}). An
 * {@code ilp} protocol data entry of a BTP packet also carries its decoded ILP packet.
 *
 * <p>JSON-P only, no server needed; the admin decoder and the explorer share it.
 */
public final class PacketJson {

    /** RFC 27 type bytes. */
    private static final int ILP_PREPARE = 12;
    private static final int ILP_REJECT = 14;
    /** RFC 23 type bytes. */
    private static final int BTP_RESPONSE = 1;
    private static final int BTP_ERROR = 2;
    private static final int BTP_MESSAGE = 6;
    private static final int BTP_TRANSFER = 7;

    private static final HexFormat HEX = HexFormat.of();
    /** JavaScript's Date#toISOString: always three fraction digits, always Z. */
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private PacketJson() {
    }

    /**
     * Decodes an ILP or BTP packet, told apart by the first byte (ILP 12-14, BTP 1, 2, 6, 7).
     *
     * @throws CodecException when the bytes are neither, with the codec's message
     */
    public static JsonObject decode(byte[] packet) {
        if (packet.length == 0) {
            throw new CodecException("empty packet", 0);
        }
        int type = packet[0] & 0xFF;
        if (type >= ILP_PREPARE && type <= ILP_REJECT) {
            return ilp(IlpCodec.decode(packet));
        }
        if (type == BTP_RESPONSE || type == BTP_ERROR || type == BTP_MESSAGE
                || type == BTP_TRANSFER) {
            return btp(BtpCodec.decode(packet));
        }
        throw new CodecException("unknown packet type " + type
                + " (ILP: 12, 13, 14; BTP: 1, 2, 6, 7)", 0);
    }

    public static JsonObject ilp(IlpPacket packet) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (packet instanceof IlpPrepare prepare) {
            json.add("type", "PREPARE")
                    .add("amount", Long.toUnsignedString(prepare.amount()))
                    .add("expiresAt", iso(prepare.expiresAt()))
                    .add("executionCondition", HEX.formatHex(prepare.executionCondition()))
                    .add("destination", prepare.destination().value());
        } else if (packet instanceof IlpFulfill fulfill) {
            json.add("type", "FULFILL")
                    .add("fulfillment", HEX.formatHex(fulfill.fulfillment()));
        } else if (packet instanceof IlpReject reject) {
            json.add("type", "REJECT")
                    .add("code", reject.code().code())
                    .add("triggeredBy", reject.triggeredBy())
                    .add("message", reject.message());
        }
        return json.add("data", HEX.formatHex(packet.data())).build();
    }

    public static JsonObject btp(BtpPacket packet) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", btpType(packet))
                .add("requestId", packet.requestId());
        if (packet instanceof BtpError error) {
            json.add("code", error.code())
                    .add("name", error.name())
                    .add("triggeredAt", iso(error.triggeredAt()))
                    .add("data", HEX.formatHex(error.data()));
        } else if (packet instanceof BtpTransfer transfer) {
            json.add("amount", Long.toUnsignedString(transfer.amount()));
        }
        JsonArrayBuilder entries = Json.createArrayBuilder();
        for (BtpProtocolData entry : packet.protocolData()) {
            entries.add(protocolData(entry));
        }
        return json.add("protocolData", entries).build();
    }

    private static JsonObjectBuilder protocolData(BtpProtocolData entry) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("protocolName", entry.protocolName())
                .add("contentType", entry.contentType())
                .add("data", HEX.formatHex(entry.data()));
        if (BtpProtocolData.ILP.equals(entry.protocolName()) && entry.data().length > 0) {
            try {
                json.add("packet", ilp(IlpCodec.decode(entry.data())));
            } catch (CodecException e) {
                // The BTP frame is fine; only its ILP payload is not: show both facts.
                json.add("packetError", e.getMessage());
            }
        }
        return json;
    }

    private static String btpType(BtpPacket packet) {
        if (packet instanceof BtpResponse) {
            return "RESPONSE";
        } else if (packet instanceof BtpError) {
            return "ERROR";
        } else if (packet instanceof BtpMessage) {
            return "MESSAGE";
        }
        return "TRANSFER";
    }

    private static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
