package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operator console in a real browser: a node with two children, {@code alice} (the JS
 * load generator) and {@code bob} (a JS sink that fulfills 150 of 200 and rejects 25 T04 and
 * 25 F99 with an HTML-looking message), then {@code explorer-war/src/test/e2e/explorer.e2e.mjs}
 * drives Debian's chromium through playwright-core and checks every view against the admin API
 * (see that script for the checks). It writes a screenshot of each view to
 * {@code docs/explorer/}. The script asks for what only this test can do to the node (restart
 * it) with an {@code E2E-ACTION n what} line; this test answers with a file.
 *
 * <p>Without a browser at {@code CHROMIUM_BIN} (default {@code /usr/bin/chromium}) the test is
 * skipped, except under {@code CI=true}, where it fails: CI installs chromium (.ci/run).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ExplorerBrowserIT {

    private static final String ADMIN_TOKEN = "explorer-it-admin-token";
    private static final Duration E2E_TIMEOUT = Duration.ofMinutes(8);
    private static final Pattern END = Pattern.compile("^E2E (PASSED|FAILED)");

    @Test
    void everyViewShowsWhatTheNodeSays() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true and no browser at " + chromium
                        + " (install Debian's chromium or set CHROMIUM_BIN)");
            }
            Assumptions.abort("no browser at " + chromium + "; install chromium to run this");
        }
        NodeJs js = NodeJs.installed();
        Path e2e = installE2e();
        Path work = ItPaths.work().resolve("explorer-e2e-" + ProcessHandle.current().pid());
        Files.createDirectories(work.resolve("actions"));
        // The ledger (and the peers added at run time) outlive the restart the script asks for.
        Map<String, String> config = ConnectorProcess.config(
                "LEDGER_DIR", work.resolve("ledger").toString(),
                "ILP_ADDRESS", "test.java",
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "CONNECTOR_PEERS", "alice,bob",
                "ASSET_CODE", "XRP", "ASSET_SCALE", "9");
        ConnectorProcess.peer(config, "alice", "RELATION", "child", "BTP_TOKEN", "alice-token",
                "MIN_BALANCE", "-1000000000");
        ConnectorProcess.peer(config, "bob", "RELATION", "child", "BTP_TOKEN", "bob-token",
                "SETTLE_THRESHOLD", "1000");
        try (ConnectorProcess node = ConnectorProcess.startReady("explorer-it", config);
             LoggedProcess browser = startE2e(e2e, js, node, work, chromium)) {
            for (int n = 1; ; n++) {
                Matcher next = browser.awaitLine(Pattern.compile(
                        "^E2E-ACTION " + n + " (\\S+)|" + END.pattern()), E2E_TIMEOUT);
                if (next.group(1) == null) {
                    break;
                }
                act(next.group(1), node);
                Files.createFile(work.resolve("actions").resolve(n + ".done"));
            }
            int exit = browser.awaitExit(Duration.ofSeconds(60));
            assertEquals(0, exit, "explorer.e2e.mjs failed; log " + browser.log() + ":\n"
                    + browser.tail());
        }
    }

    private static void act(String what, ConnectorProcess node) throws Exception {
        if (!"restart-node".equals(what)) {
            throw new AssertionError("explorer.e2e.mjs asked for an unknown action " + what);
        }
        node.restart();
        node.awaitReady(ConnectorProcess.READY_TIMEOUT);
    }

    private static LoggedProcess startE2e(Path e2e, NodeJs js, ConnectorProcess node, Path work,
                                          Path chromium) throws IOException {
        Map<String, String> env = LoggedProcess.baseEnvironment();
        env.put("EXPLORER_BASE", node.baseUri().toString());
        env.put("ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("JS_DIR", js.dir().toString());
        env.put("ALICE_BTP", node.btpUrl("alice", "alice-token"));
        env.put("BOB_BTP", node.btpUrl("bob", "bob-token"));
        env.put("NODE_ADDRESS", "test.java");
        env.put("WORK_DIR", work.toString());
        env.put("SHOTS_DIR", shotsDir().toString());
        env.put("CHROMIUM_BIN", chromium.toString());
        List<String> command = new ArrayList<>(List.of(System.getProperty("ilp.it.node", "node"),
                "explorer.e2e.mjs"));
        return new LoggedProcess("explorer-e2e", command, e2e, env, work.resolve("e2e.log"));
    }

    /** The screenshots are part of the docs (docs/explorer.md shows them). */
    private static Path shotsDir() {
        return Path.of(System.getProperty("ilp.it.explorer.shots", "../docs/explorer"))
                .toAbsolutePath().normalize();
    }

    /**
     * Copies the e2e script and its package files to target/e2e and installs them there
     * ({@code npm ci}: playwright-core and ws, no browser download).
     */
    private static Path installE2e() throws IOException, InterruptedException {
        Path src = Path.of(System.getProperty("ilp.it.e2e.src", "../explorer-war/src/test/e2e"))
                .toAbsolutePath();
        Path dir = ItPaths.work().resolveSibling("e2e");
        Files.createDirectories(dir);
        for (String file : List.of("package.json", "package-lock.json", "explorer.e2e.mjs")) {
            Files.copy(src.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = List.of(System.getProperty("ilp.it.npm", "npm"), "ci",
                "--no-audit", "--no-fund", "--no-progress");
        Map<String, String> env = LoggedProcess.baseEnvironment();
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        try (LoggedProcess npm = new LoggedProcess("npm-ci-e2e", command, dir, env,
                ItPaths.work().resolve("js-logs/npm-ci-e2e.log"))) {
            int exit = npm.awaitExit(NodeJs.NPM_CI_TIMEOUT);
            if (exit != 0) {
                throw new AssertionError("npm ci failed (exit " + exit + ") in " + dir + ":\n"
                        + npm.tail());
            }
        }
        return dir;
    }
}
