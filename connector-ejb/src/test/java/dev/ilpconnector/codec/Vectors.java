package dev.ilpconnector.codec;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** Test helper: the JS-generated vectors copied from shared/vectors (jakarta.json in tests). */
public final class Vectors {

    public static final List<String> RESOURCES = List.of("/vectors/ilp-btp-ildcp-vectors.json",
            "/vectors/ccp-vectors.json", "/vectors/stream-spsp-vectors.json");
    private static final HexFormat HEX = HexFormat.of();

    private static List<JsonObject> all;

    private Vectors() {
    }

    public static synchronized List<JsonObject> all() {
        if (all == null) {
            List<JsonObject> read = new ArrayList<>();
            for (String resource : RESOURCES) {
                try (InputStream in = Vectors.class.getResourceAsStream(resource);
                        JsonReader reader = Json.createReader(in)) {
                    read.addAll(reader.readObject().getJsonArray("vectors")
                            .getValuesAs(JsonObject.class));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            all = List.copyOf(read);
        }
        return all;
    }

    public static List<JsonObject> category(String category) {
        List<JsonObject> list = all().stream()
                .filter(v -> v.getString("category").equals(category))
                .collect(Collectors.toList());
        if (list.isEmpty()) {
            throw new AssertionError("no vectors of category " + category);
        }
        return list;
    }

    public static byte[] hex(String hex) {
        return HEX.parseHex(hex);
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] bytes(JsonObject v) {
        return hex(v.getString("hex"));
    }

    public static Instant instant(JsonObject fields, String name) {
        return Instant.parse(fields.getString(name));
    }

    public static boolean isNull(JsonObject o, String name) {
        return !o.containsKey(name) || o.get(name).getValueType() == JsonValue.ValueType.NULL;
    }
}
