package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Start-up configuration seen from outside: each test starts its own node with the
 * configuration under test (docs/configuration.md).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConnectorConfigIT {

    @Test
    void adminSaysWhyWhenNoTokenIsConfigured() throws Exception {
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.notoken", "NODE_ID", "config-it-notoken",
                "CONNECTOR_PEERS", "alice");
        ConnectorProcess.peer(config, "alice", "RELATION", "child", "BTP_TOKEN", "alice-token",
                "ASSET_CODE", "XRP", "ASSET_SCALE", "9");
        try (ConnectorProcess node = ConnectorProcess.startReady("config-it-notoken", config)) {
            HttpResponse<String> r = AdminClient.of(node, "anything")
                    .get("/admin/peers", "Bearer anything");
            assertTrue(r.statusCode() == 401 || r.statusCode() == 403 || r.statusCode() == 503,
                    "refused, got " + r.statusCode());
            assertTrue(r.body().contains("ADMIN_API_TOKEN") || r.body().contains("admin.api.token"),
                    "the answer names the missing key: " + r.body());
        }
    }

    /** docs/configuration.md: one line naming the key, and the node never reports ready. */
    @Test
    void badConfigValueStopsStartUpNamingTheKey() throws Exception {
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.badconfig", "NODE_ID", "config-it-bad",
                "ADMIN_API_TOKEN", "config-it-admin-token", "CONNECTOR_PEERS", "x");
        ConnectorProcess.peer(config, "x", "RELATION", "child", "BTP_TOKEN", "x-token",
                "ASSET_CODE", "XRP", "ASSET_SCALE", "abc");
        try (ConnectorProcess bad = ConnectorProcess.start("config-it-bad", config)) {
            Pattern key = Pattern.compile("(?i)(PEER_X_ASSET_SCALE|peer\\.x\\.asset\\.scale)");
            bad.process().awaitLine(key, ConnectorProcess.READY_TIMEOUT);
            // Liberty reports the server started (CWWKF0011I) or stopped (CWWKE0036I) after the
            // application failed; from then on readiness must not be UP
            Pattern settled = Pattern.compile("CWWKF0011I|CWWKE0036I");
            if (bad.process().isAlive()) {
                try {
                    bad.process().awaitLine(settled, ConnectorProcess.READY_TIMEOUT);
                } catch (AssertionError exitedMeanwhile) {
                    assertTrue(!bad.process().isAlive(), exitedMeanwhile.getMessage());
                }
            }
            assertNotEquals(200, bad.readyStatus(), "a node with a bad config must not be ready");
            long naming = bad.process().output().lines()
                    .filter(l -> key.matcher(l).find() && l.contains("abc")).count();
            assertTrue(naming >= 1, "a log line names the key and the bad value:\n"
                    + bad.process().tail());
        }
    }
}
