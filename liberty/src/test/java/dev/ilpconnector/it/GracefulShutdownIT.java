package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM to a node under load, then a restart on the same journal. The node drains before it
 * closes the ledger: new Prepares are refused, those in flight are committed or released (Liberty
 * stops its listeners at once, so answers still on the way are released at their expiry). So
 * the journal it leaves holds no packet still pending (the restart voids none), every Fulfill
 * the sender saw is in the ledger, and the sender's debit and the sink's credit are equal.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class GracefulShutdownIT {

    private static final String ADMIN_TOKEN = "graceful-it-admin-token";
    private static final int CONCURRENCY = 20;
    private static final int ANSWERED_BEFORE_TERM = 1500;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void sigtermUnderLoadLeavesEveryFulfillRecordedAndNothingPending() throws Exception {
        NodeJs js = NodeJs.installed();
        Path work = ItPaths.work().resolve("graceful-it-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime());
        Files.createDirectories(work);
        Map<String, String> config = config(work.resolve("ledger"));
        Path outcomes = work.resolve("sender-outcomes.txt");
        ConnectorProcess node = ConnectorProcess.startReady("graceful-1", config);
        try (node; LoggedProcess sink = js.start("load-sink.js", "--btp",
                node.btpUrl("loadsink", "loadsink-secret"), "--timeout", "300")) {
            sink.awaitLine(Pattern.compile("SINK READY"), WAIT);
            try (LoggedProcess gen = js.start("load-gen.js", "--btp",
                    node.btpUrl("loadsrc", "loadsrc-secret"), "--dest",
                    "test.graceful.loadsink.x", "--count", "1000000", "--duration", "200",
                    "--concurrency", Integer.toString(CONCURRENCY), "--warmup", "0",
                    "--amount-spread", "1000", "--outcomes", outcomes.toString())) {
                awaitLines(outcomes, ANSWERED_BEFORE_TERM, gen);
                ProcessHandle jvm = ProcessHandle.of(node.pid()).orElseThrow();
                assertTrue(jvm.destroy(), "SIGTERM sent");
                jvm.onExit().get(90, TimeUnit.SECONDS);
            }
        }
        long senderSum = 0;
        for (String line : Files.readAllLines(outcomes)) {
            String[] f = line.split(" ");
            if (f[0].equals("F")) {
                senderSum += Long.parseLong(f[2]);
            }
        }
        try (ConnectorProcess restarted = ConnectorProcess.startReady("graceful-2", config)) {
            // the journal the drained node left holds no packet leg still pending
            restarted.process().awaitLine(
                    Pattern.compile("event=ledger_open .*voided 0 pending transfers"), WAIT);
            AdminClient admin = AdminClient.of(restarted, ADMIN_TOKEN);
            JsonObject src = peer(admin, "loadsrc");
            JsonObject dst = peer(admin, "loadsink");
            long debited = -AdminClient.asLong(src.get("balance"));
            long credited = AdminClient.asLong(dst.get("balance"));
            String view = "sender saw " + senderSum + " fulfilled; ledger: sender debited "
                    + debited + ", sink credited " + credited;
            System.out.println("GracefulShutdownIT: " + view);
            assertTrue(debited >= senderSum, view);
            assertEquals(debited, credited, view);
            for (JsonObject p : List.of(src, dst)) {
                assertEquals("0", p.getString("pendingIn"), "nothing held: " + p);
                assertEquals("0", p.getString("pendingOut"), "nothing held: " + p);
            }
        }
    }

    private static Map<String, String> config(Path ledger) {
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.graceful",
                "NODE_ID", "graceful",
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "CONNECTOR_PEERS", "loadsrc,loadsink",
                "LEDGER_DIR", ledger.toString(),
                "SETTLEMENT_ENABLED", "false");
        for (String id : List.of("loadsrc", "loadsink")) {
            ConnectorProcess.peer(config, id, "RELATION", "child", "BTP_TOKEN", id + "-secret",
                    "ASSET_CODE", "XRP", "ASSET_SCALE", "9", "MAX_PACKET_AMOUNT", "1000000",
                    "MIN_BALANCE", "-1000000000000");
        }
        return new HashMap<>(config);
    }

    private static JsonObject peer(AdminClient admin, String id)
            throws IOException, InterruptedException {
        for (JsonValue v : AdminClient.parseArray(admin.get("/admin/peers").body())) {
            if (v.asJsonObject().getString("id").equals(id)) {
                return v.asJsonObject();
            }
        }
        throw new AssertionError("no peer " + id);
    }

    /** Polls the outcomes file (a bounded wait for a running process, not a sync point). */
    private static void awaitLines(Path file, int lines, LoggedProcess writer)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file) || Files.readAllLines(file).size() < lines) {
            if (!writer.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("load-gen did not answer " + lines + " packets:\n"
                        + writer.tail());
            }
            Thread.sleep(100);
        }
    }
}
