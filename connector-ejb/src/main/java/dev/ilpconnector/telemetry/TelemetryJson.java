package dev.ilpconnector.telemetry;

import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The JSON of logged packets and feed messages, written by hand so that the plain-Java pump
 * needs no JSON library. Everything a stranger chose (addresses, messages, data) goes out as a
 * JSON string only, with {@code < > &} escaped too, so that no page can mistake it for markup.
 */
public final class TelemetryJson {

    private static final HexFormat HEX = HexFormat.of();

    private TelemetryJson() {
    }

    /** The listing's shape P (docs/explorer.md). */
    public static String packet(LoggedPacket p) {
        StringBuilder json = new StringBuilder(512).append('{');
        packetFields(json, p);
        return json.append('}').toString();
    }

    /** {@code {"type":"packet", ...P}} for the feed. */
    public static String feedPacket(LoggedPacket p) {
        StringBuilder json = new StringBuilder(520).append("{\"type\":\"packet\",");
        packetFields(json, p);
        return json.append('}').toString();
    }

    /** P plus expiry, fulfillment, data, the wire bytes (null once evicted) and step times. */
    public static String detail(LoggedPacket p) {
        StringBuilder json = new StringBuilder(1024).append('{');
        packetFields(json, p);
        json.append(",\"expiresAt\":");
        string(json, p.expiresAt().toString());
        json.append(",\"fulfillment\":");
        hexOrNull(json, p.fulfillment());
        LoggedPacket.Bytes bytes = p.bytes();
        json.append(",\"data\":");
        hexOrNull(json, bytes == null ? null : IlpCodec.decodePrepare(bytes.prepare()).data());
        json.append(",\"prepareHex\":");
        hexOrNull(json, bytes == null ? null : bytes.prepare());
        json.append(",\"responseHex\":");
        hexOrNull(json, bytes == null ? null : bytes.response());
        json.append(",\"bytesEvicted\":").append(bytes == null);
        json.append(",\"steps\":{\"heldMs\":");
        millis(json, p.heldNanos());
        json.append(",\"forwardedMs\":");
        millis(json, p.forwardedNanos());
        json.append(",\"answeredMs\":");
        millis(json, p.answeredNanos());
        return json.append("}}").toString();
    }

    private static void packetFields(StringBuilder json, LoggedPacket p) {
        json.append("\"id\":\"").append(p.id()).append("\",\"time\":");
        string(json, p.time().toString());
        json.append(",\"from\":");
        string(json, p.from());
        json.append(",\"to\":");
        string(json, p.to());
        json.append(",\"destination\":");
        string(json, p.destination());
        json.append(",\"amount\":\"").append(Long.toUnsignedString(p.amount())).append('"');
        IlpPrepare out = p.outgoing();
        json.append(",\"outgoingAmount\":");
        if (out == null) {
            json.append("null");
        } else {
            json.append('"').append(Long.toUnsignedString(out.amount())).append('"');
        }
        json.append(",\"assetCode\":");
        string(json, p.asset() == null ? null : p.asset().code());
        json.append(",\"assetScale\":");
        json.append(p.asset() == null ? "null" : Integer.toString(p.asset().scale()));
        json.append(",\"outcome\":\"").append(p.fulfilled() ? "fulfilled" : "rejected")
                .append("\",\"code\":");
        string(json, p.code());
        json.append(",\"message\":");
        string(json, p.message());
        json.append(",\"triggeredBy\":");
        string(json, p.triggeredBy());
        json.append(",\"ms\":");
        millis(json, p.answeredNanos());
        json.append(",\"condition\":");
        hexOrNull(json, p.condition());
    }

    /** {@code {"type":"link","peer":..,"up":..}}. */
    public static String link(String peer, boolean up) {
        StringBuilder json = new StringBuilder(64).append("{\"type\":\"link\",\"peer\":");
        string(json, peer);
        return json.append(",\"up\":").append(up).append('}').toString();
    }

    /** {@code {"type":"routes","epoch":..}}. */
    public static String routes(long epoch) {
        return "{\"type\":\"routes\",\"epoch\":" + epoch + "}";
    }

    /** {@code {"type":"balance","peer":..}}: the console fetches the balance itself. */
    public static String balance(String peer) {
        StringBuilder json = new StringBuilder(48).append("{\"type\":\"balance\",\"peer\":");
        string(json, peer);
        return json.append('}').toString();
    }

    /** {@code {"type":"settlement","peer","key","amount","incoming","status","detail"}}. */
    public static String settlement(SettlementEvent e) {
        StringBuilder json = new StringBuilder(160).append("{\"type\":\"settlement\",\"peer\":");
        string(json, e.peerId());
        json.append(",\"key\":");
        string(json, e.idempotencyKey());
        json.append(",\"amount\":\"").append(Long.toUnsignedString(e.amount()))
                .append("\",\"incoming\":").append(e.incoming()).append(",\"status\":\"")
                .append(e.status().name().toLowerCase(Locale.ROOT))
                .append("\",\"detail\":");
        string(json, e.detail());
        return json.append('}').toString();
    }

    /** {@code {"type":"totals","packetsPerSecond","shownPerSecond","dropped"}}. */
    public static String totals(long packetsPerSecond, long shownPerSecond, long dropped) {
        return "{\"type\":\"totals\",\"packetsPerSecond\":" + packetsPerSecond
                + ",\"shownPerSecond\":" + shownPerSecond + ",\"dropped\":" + dropped + "}";
    }

    private static void millis(StringBuilder json, long nanos) {
        if (nanos < 0) {
            json.append("null");
        } else {
            json.append(Math.round(nanos / 1_000.0) / 1_000.0);
        }
    }

    private static void hexOrNull(StringBuilder json, byte[] bytes) {
        if (bytes == null) {
            json.append("null");
        } else {
            json.append('"').append(HEX.formatHex(bytes)).append('"');
        }
    }

    /** A JSON string, or null. */
    static void string(StringBuilder json, String s) {
        if (s == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028'
                            || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
