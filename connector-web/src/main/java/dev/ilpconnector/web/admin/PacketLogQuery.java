package dev.ilpconnector.web.admin;

import dev.ilpconnector.telemetry.LoggedPacket;
import dev.ilpconnector.telemetry.PacketLog;
import dev.ilpconnector.telemetry.TelemetryJson;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The packet log's listing and detail: checks the query, answers with the JSON the explorer
 * module writes (the feed sends the same shape). Plain Java, tested without a server.
 */
final class PacketLogQuery {

    static final int LIMIT_DEFAULT = 100;
    private static final int CONDITION_BYTES = 32;
    /** Ids, peers and prefixes longer than an ILP address cannot match anything. */
    private static final int FILTER_CHARS_MAX = 1023;

    private PacketLogQuery() {
    }

    /** {@code {"packets": [P...], "total": <packets in the log>}}, newest first. */
    static Response list(PacketLog log, String peer, String prefix, String code,
                         String condition, String limit) {
        int n = LIMIT_DEFAULT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > PacketLog.LIMIT_MAX) {
                return bad("limit must be an integer 1.." + PacketLog.LIMIT_MAX);
            }
        }
        byte[] wanted = null;
        if (blankToNull(condition) != null) {
            String hex = condition.strip();
            if (hex.length() != 2 * CONDITION_BYTES || !hex.matches("[0-9a-fA-F]+")) {
                return bad("condition must be 64 hex digits");
            }
            wanted = HexFormat.of().parseHex(hex);
        }
        String c = blankToNull(code);
        if (c != null && !c.matches("[A-Za-z][0-9A-Za-z]{2}")) {
            return bad("code must be an ILP error code such as T04");
        }
        for (String filter : new String[] {peer, prefix}) {
            if (filter != null && filter.length() > FILTER_CHARS_MAX) {
                return bad("peer and prefix must be at most " + FILTER_CHARS_MAX + " characters");
            }
        }
        List<LoggedPacket> found = log.find(blankToNull(peer), blankToNull(prefix),
                c == null ? null : c.toUpperCase(Locale.ROOT), wanted, n);
        StringBuilder json = new StringBuilder(256 + 400 * found.size()).append("{\"packets\":[");
        for (int i = 0; i < found.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(TelemetryJson.packet(found.get(i)));
        }
        json.append("],\"total\":").append(log.size()).append('}');
        return ok(json.toString());
    }

    /** P with expiry, fulfillment, data, hex and step times; 404 for an unknown id. */
    static Response detail(PacketLog log, String id) {
        LoggedPacket packet = find(log, id);
        if (packet == null) {
            return ErrorJson.response(404, "no such packet in the log").build();
        }
        return ok(TelemetryJson.detail(packet));
    }

    /** The logged packet with this id, or null (also for an id that is not a number). */
    static LoggedPacket find(PacketLog log, String id) {
        if (id == null || id.length() > 19 || !id.chars().allMatch(Character::isDigit)
                || id.isEmpty()) {
            return null;
        }
        return log.get(Long.parseLong(id));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Response ok(String json) {
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response bad(String message) {
        return ErrorJson.response(400, message).build();
    }
}
