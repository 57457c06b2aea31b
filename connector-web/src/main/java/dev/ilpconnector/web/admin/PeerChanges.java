package dev.ilpconnector.web.admin;

import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.node.PeerChangeException;
import dev.ilpconnector.peer.BtpUrl;
import dev.ilpconnector.peer.PeerConfig;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin side of peers changed at run time: turns a JSON body into the peer's config
 * values (strings, as an operator would set them), hands them to the node's
 * {@code RuntimePeers}, and turns its refusals into {@code {"error", "field"}} with a status.
 */
final class PeerChanges {

    /** A field's value longer than this is no setting (a BTP URL is the longest). */
    private static final int VALUE_CHARS_MAX = 2048;

    private PeerChanges() {
    }

    static Response put(ConnectorNode node, String id, JsonObject body, boolean create) {
        if (!node.ready()) {
            return ErrorJson.response(503, "node not ready").build();
        }
        Map<String, String> fields;
        try {
            fields = fields(body);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage(), null);
        }
        try {
            PeerConfig peer = node.runtimePeers().put(id, fields, create);
            return Response.status(create ? 201 : 200).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(json(peer, node.runtimePeers().durable())).build();
        } catch (PeerChangeException e) {
            return error(e.status(), e.getMessage(), e.field());
        }
    }

    static Response remove(ConnectorNode node, String id) {
        if (!node.ready()) {
            return ErrorJson.response(503, "node not ready").build();
        }
        try {
            node.runtimePeers().remove(id);
            return Response.noContent().build();
        } catch (PeerChangeException e) {
            return error(e.status(), e.getMessage(), e.field());
        }
    }

    /**
     * The body's fields as config values: strings and numbers as written, booleans as
     * true/false, an array of strings (routes) comma-joined; null leaves the field unset.
     */
    static Map<String, String> fields(JsonObject body) {
        if (body == null) {
            throw new IllegalArgumentException("body must be a JSON object of the peer's fields");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : body.entrySet()) {
            String value = value(e.getKey(), e.getValue());
            if (value != null) {
                if (value.length() > VALUE_CHARS_MAX) {
                    throw new IllegalArgumentException(e.getKey() + " is longer than "
                            + VALUE_CHARS_MAX + " characters");
                }
                fields.put(e.getKey(), value);
            }
        }
        return fields;
    }

    private static String value(String field, JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> ((JsonNumber) v).bigDecimalValue().toPlainString();
            case TRUE -> "true";
            case FALSE -> "false";
            case NULL -> null;
            case ARRAY -> {
                List<String> parts = new ArrayList<>();
                for (JsonValue item : (JsonArray) v) {
                    if (!(item instanceof JsonString s) || s.getString().contains(",")) {
                        throw new IllegalArgumentException(field
                                + " must be an array of strings without commas");
                    }
                    parts.add(s.getString());
                }
                yield String.join(",", parts);
            }
            default -> throw new IllegalArgumentException(field
                    + " must be a string, number, boolean or array of strings");
        };
    }

    /** The peer as set; never its incoming token, and its BTP URL without the secret. */
    static JsonObject json(PeerConfig peer, boolean durable) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", peer.id())
                .add("relation", peer.relation().configName());
        if (peer.btpUrl().isPresent()) {
            json.add("btpUrl", peer.btpUrl().map(BtpUrl::toString).get());
        } else {
            json.addNull("btpUrl");
        }
        return json.add("incomingToken", peer.incomingToken().isPresent())
                .add("assetCode", peer.assetCode())
                .add("assetScale", peer.assetScale())
                .add("maxPacketAmount", Long.toUnsignedString(peer.maxPacketAmount()))
                .add("minBalance", Long.toString(peer.minBalance()))
                .add("routes", Json.createArrayBuilder(peer.routes()))
                .add("durable", durable)
                .build();
    }

    private static Response error(int status, String message, String field) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("error", message);
        if (field != null) {
            json.add("field", field);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json.build()).build();
    }
}
