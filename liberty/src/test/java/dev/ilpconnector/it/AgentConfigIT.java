package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A wrong agent setting stops start-up with one line naming the key (docs/configuration.md,
 * "Agent runtime"): the node never reports ready.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AgentConfigIT {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BUSINESS_LOGIC_URL|ftp://127.0.0.1:1/|business.logic.url must be an http:// or https://",
        "BASE_ADDRESS|test.elsewhere|base.address 'test.elsewhere' is outside the node's address",
        "BASE_ADDRESS|test.shop.sender.agent|base.address 'test.shop.sender.agent' is under child",
        "AGENT_SECRET|too-short|agent.secret must be 32 bytes",
        "LOCAL_DELIVERY_URL|http://127.0.0.1:3100|local.delivery.url not supported: run the agent"
                + " in this node or as a BTP child, docs/agent.md",
        "LOCAL_DELIVERY_ENABLED|true|local.delivery.enabled is true but business.logic.url is"
                + " missing",
        "ASSET_CODE||asset.code is missing: the asset the agent receives in",
    })
    void aBadAgentSettingStopsStartUpNamingTheKey(String key, String value, String line)
            throws Exception {
        Map<String, String> config = AgentIT.shop("agent-config-it",
                "http://127.0.0.1:1");
        if (key.equals("LOCAL_DELIVERY_ENABLED")) {
            config.remove("BUSINESS_LOGIC_URL");
        }
        if (value == null) {
            // no agent asset; the sender's own asset stays, so the node itself is fine
            config.remove("ASSET_CODE");
            config.remove("ASSET_SCALE");
        } else {
            config.put(key, value);
        }
        try (ConnectorProcess bad = ConnectorProcess.start("agent-config-it", config)) {
            Pattern named = Pattern.compile("config error: " + Pattern.quote(line));
            bad.process().awaitLine(named, ConnectorProcess.READY_TIMEOUT);
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
            assertNotEquals(200, bad.readyStatus(), "a node with a bad agent setting is not ready");
            assertTrue(bad.process().output().lines().anyMatch(l -> named.matcher(l).find()),
                    "a line names the key:\n" + bad.process().tail());
            assertTrue(bad.process().output().lines().noneMatch(l -> l.contains("too-short")),
                    "the secret is never echoed");
        }
    }
}
