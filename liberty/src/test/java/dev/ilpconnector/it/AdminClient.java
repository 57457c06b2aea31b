package dev.ilpconnector.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The admin REST API of one node ({@code /admin}, bearer token). */
public final class AdminClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    public AdminClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    public static AdminClient of(ConnectorProcess node, String token) {
        return new AdminClient(node.baseUri(), token);
    }

    /** GET with an explicit Authorization header value (null: none). */
    public HttpResponse<String> get(String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, "Bearer " + token);
    }

    public HttpResponse<String> postJson(String path, String json)
            throws IOException, InterruptedException {
        return postJson(path, json, Map.of());
    }

    /** POST JSON with extra request headers (e.g. {@code Idempotency-Key}). */
    public HttpResponse<String> postJson(String path, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any method with an optional JSON body (null: none), with the token. */
    public HttpResponse<String> send(String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET /admin/peers as id -> peer object. */
    public Map<String, JsonObject> peers() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/admin/peers");
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /admin/peers -> " + r.statusCode() + " " + r.body());
        }
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (JsonValue v : parseArray(r.body())) {
            JsonObject peer = v.asJsonObject();
            out.put(peer.getString("id"), peer);
        }
        return out;
    }

    /** A peer's balance (number or decimal string in the JSON). */
    public long balance(String peerId) throws IOException, InterruptedException {
        JsonObject peer = Optional.ofNullable(peers().get(peerId))
                .orElseThrow(() -> new AssertionError("no peer " + peerId + " in /admin/peers"));
        return asLong(peer.get("balance"));
    }

    /** Polls /admin/peers until {@code condition} holds for the peer; returns that peer. */
    public JsonObject awaitPeer(String peerId, Predicate<JsonObject> condition, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject last = null;
        while (true) {
            last = peers().get(peerId);
            if (last != null && condition.test(last)) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("peer " + peerId
                        + " did not reach the expected state within " + timeout
                        + "; last seen: " + last);
            }
            Thread.sleep(200); // polling interval of an HTTP check
        }
    }

    /**
     * GET /admin/routes as prefix -> route object ({@code prefix}, {@code nextHop} (empty for
     * local), {@code path}, {@code source} static|ccp|local, {@code epoch}).
     */
    public Map<String, JsonObject> routes() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/admin/routes");
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /admin/routes -> " + r.statusCode() + " " + r.body());
        }
        return routeTable(r.body());
    }

    private static Map<String, JsonObject> routeTable(String json) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (JsonValue v : parseObject(json).getJsonArray("routes")) {
            JsonObject route = v.asJsonObject();
            out.put(route.getString("prefix"), route);
        }
        return out;
    }

    /**
     * Polls /admin/routes until {@code condition} holds for the table (a node not ready yet
     * counts as not holding); returns that table.
     */
    public Map<String, JsonObject> awaitRoutes(String what,
                                               Predicate<Map<String, JsonObject>> condition,
                                               Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, JsonObject> last = null;
        while (true) {
            HttpResponse<String> r = get("/admin/routes");
            if (r.statusCode() == 200) {
                last = routeTable(r.body());
                if (condition.test(last)) {
                    return last;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(base + ": " + what + " not within " + timeout
                        + "; last routes: " + last);
            }
            Thread.sleep(200); // polling interval of an HTTP check
        }
    }

    static long asLong(JsonValue v) {
        if (v instanceof JsonNumber n) {
            return n.longValueExact();
        }
        if (v instanceof JsonString s) {
            return Long.parseLong(s.getString());
        }
        throw new AssertionError("not a number: " + v);
    }

    static JsonObject parseObject(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    static JsonArray parseArray(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readArray();
        }
    }
}
