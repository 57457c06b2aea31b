package dev.ilpconnector.it;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The admin API of the reference JS connector ({@code js-connector.js --admin-port N}, no
 * token, loopback): what its CCP route broadcaster has learned ({@code GET /routing}).
 */
final class JsConnectorAdmin {

    private final AdminClient http;

    JsConnectorAdmin(int port) {
        this.http = new AdminClient(URI.create("http://127.0.0.1:" + port), null);
    }

    /** {@code localRoutingTable} of GET /routing: prefix -> {nextHop, path: "a b c"}. */
    JsonObject localRoutes() throws IOException, InterruptedException {
        HttpResponse<String> r = http.get("/routing", null);
        if (r.statusCode() != 200) {
            throw new AssertionError("JS GET /routing -> " + r.statusCode() + " " + r.body());
        }
        return AdminClient.parseObject(r.body()).getJsonObject("localRoutingTable");
    }

    /** Polls until the JS connector routes {@code prefix} to account {@code nextHop}. */
    JsonObject awaitRoute(String prefix, String nextHop, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonObject table = localRoutes();
            JsonObject route = table.getJsonObject(prefix);
            if (route != null && nextHop.equals(route.getString("nextHop", ""))) {
                return route;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("JS connector has no route " + prefix + " -> " + nextHop
                        + " within " + timeout + "; its table: " + table);
            }
            Thread.sleep(200); // polling interval of an HTTP check
        }
    }
}
