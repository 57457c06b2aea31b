package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node without {@code ILP_ADDRESS} learns its address from its parent by IL-DCP (RFC 31):
 * started before its parent exists it runs but is not ready, and says why; once the parent is
 * up it becomes {@code <parent address>.<its id at the parent>}, routes that address locally
 * and hands its own children addresses under it.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ParentAddressIT {

    private static final String ADMIN_TOKEN = "parent-address-admin-token";
    private static final Duration LEARN = Duration.ofSeconds(60);

    @Test
    void aNodeWithoutAddressTakesTheOneItsParentGivesIt() throws Exception {
        int[] ports = Ports.free(2);
        Map<String, String> parent = ConnectorProcess.config(
                "ILP_ADDRESS", "test.up",
                "NODE_ID", "up",
                "HTTP_PORT", Integer.toString(ports[0]),
                "HTTPS_PORT", Integer.toString(ports[1]),
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "CONNECTOR_PEERS", "kid");
        ConnectorProcess.peer(parent, "kid", "RELATION", "child", "BTP_TOKEN", "kid-token",
                "ASSET_CODE", "XRP", "ASSET_SCALE", "9");
        Map<String, String> child = ConnectorProcess.config(
                "NODE_ID", "kid",
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "BTP_RECONNECT_MAX_MS", "1000",
                "CONNECTOR_PEERS", "up,alice");
        ConnectorProcess.peer(child, "up", "RELATION", "parent",
                "BTP_URL", "btp+ws://kid:kid-token@127.0.0.1:" + ports[0] + "/btp",
                "ASSET_CODE", "XRP", "ASSET_SCALE", "9");
        ConnectorProcess.streamChild(child, "alice");

        try (ConnectorProcess kid = ConnectorProcess.start("parent-kid", child)) {
            AdminClient kidAdmin = AdminClient.of(kid, ADMIN_TOKEN);
            HttpResponse<String> waiting = awaitHealthBody(kidAdmin, "parent");
            assertEquals(503, waiting.statusCode(), waiting.body());

            try (ConnectorProcess up = ConnectorProcess.start("parent-up", parent)) {
                up.awaitReady(ConnectorProcess.READY_TIMEOUT);
                kid.awaitReady(LEARN);
                Map<String, JsonObject> routes = kidAdmin.routes();
                JsonObject own = routes.get("test.up.kid");
                assertTrue(own != null && "local".equals(own.getString("source")),
                        "the learned address is routed locally: " + routes);
                try (BtpTestClient alice = BtpTestClient.authenticated(kid.btpUri(), "alice",
                        "alice-token")) {
                    assertEquals("test.up.kid.alice", alice.ildcp().clientAddress());
                }
            }
        }
    }

    /** Polls /health/ready until its body mentions {@code word}; the node is up meanwhile. */
    private static HttpResponse<String> awaitHealthBody(AdminClient admin, String word)
            throws Exception {
        long deadline = System.nanoTime() + ConnectorProcess.READY_TIMEOUT.toNanos();
        while (true) {
            try {
                HttpResponse<String> r = admin.get("/health/ready");
                if (r.body().contains(word)) {
                    return r;
                }
            } catch (ConnectException notListeningYet) {
                // the server is still starting
            }
            assertTrue(System.nanoTime() < deadline, "readiness never mentioned " + word);
            Thread.sleep(250);
        }
    }
}
