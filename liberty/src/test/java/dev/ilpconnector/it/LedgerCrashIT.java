package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.ledger.tigerbeetle.TigerBeetleExtension;
import dev.ilpconnector.ledger.tigerbeetle.TigerBeetleServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kill -9} of a node in the middle of a load run, then a restart on the same ledger
 * data. A load source child sends Prepares of varying amounts through the node to a load sink
 * child that fulfills them all; both log every packet (load-gen's {@code --outcomes}, the
 * sink's {@code --log}). Afterwards:
 * <ul>
 *   <li>every Fulfill the sender received (so the node acknowledged it) is in the ledger:
 *       the sender's debits and the sink's credits are at least their sum;</li>
 *   <li>they exceed it only by packets in flight at the crash (fulfilled by the sink, never
 *       answered to the sender), each counted at most once: at most the sink's sum, and no
 *       more such packets than were in flight;</li>
 *   <li>nothing is pending after the restart (the embedded ledger voids at start-up;
 *       TigerBeetle releases by the transfers' own timeouts, hold time + 2 s), each peer is
 *       listed once (the accounts were found, not made again), and new packets move exactly
 *       their amounts.</li>
 * </ul>
 * On TigerBeetle only the node is killed; the server keeps running.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class LedgerCrashIT {

    private static final String ADMIN_TOKEN = "crash-it-admin-token";
    private static final int CONCURRENCY = 20;
    private static final int AMOUNT_SPREAD = 1000;
    /** Answered packets before the kill: well into the run, far from its end. */
    private static final int ANSWERED_BEFORE_KILL = 1500;
    private static final Duration WAIT = Duration.ofSeconds(120);
    /**
     * TigerBeetle releases a dead node's holds by their timeout: load-gen's 30 s expiry, the
     * node's 2 s margin, and a loaded machine.
     */
    private static final Duration PENDING_TIMEOUT_TIGERBEETLE = Duration.ofSeconds(90);

    /**
     * Accounts the node makes, once: the connector's, one per peer, and for settlement one
     * settlement and one sequence account per peer plus the asset's sequence source.
     */
    private static final int ACCOUNTS = 1 + 2 + 2 * 2 + 1;

    @Test
    void embeddedJournalKeepsEveryAcknowledgedFulfillAcrossKillNine() throws Exception {
        Path dir = ItPaths.work().resolve("it-nodes").resolve("crash-ledger-"
                + ProcessHandle.current().pid() + "-" + System.nanoTime());
        crashAndRestart(Map.of("LEDGER_DIR", dir.toString()), "XRP",
                Pattern.compile("event=ledger_open .*voided \\d+ pending transfers, "
                        + ACCOUNTS + " accounts"),
                Duration.ZERO);
    }

    @Test
    @ExtendWith(TigerBeetleExtension.class)
    void tigerBeetleKeepsEveryAcknowledgedFulfillAcrossKillNineOfTheNode(
            TigerBeetleServer tigerBeetle) throws Exception {
        // an asset of its own: fresh accounts even on a server other tests used
        String asset = "CR" + Long.toString(System.nanoTime() % 1_000_000_000L, 36)
                .toUpperCase(Locale.ROOT);
        crashAndRestart(Map.of("TIGERBEETLE_ADDRESSES", tigerBeetle.address()), asset,
                Pattern.compile("event=ledger_connected backend=tigerbeetle"),
                PENDING_TIMEOUT_TIGERBEETLE);
    }

    /**
     * A journal damaged before its last record (here the first account's record, written by a
     * first run) stops start-up with one line naming the file and the offset; the node never
     * reports ready and the file is left as it was for the operator.
     */
    @Test
    void aJournalDamagedInTheMiddleStopsStartUpWithOneLine() throws Exception {
        Path dir = ItPaths.work().resolve("it-nodes").resolve("damaged-ledger-"
                + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Map<String, String> env = Map.of("LEDGER_DIR", dir.toString());
        try (ConnectorProcess first = ConnectorProcess.startReady("damaged-1",
                config(env, "XRP"))) {
            assertEquals(200, first.readyStatus());
        } // a clean stop: the account records (39 bytes each) follow the 16-byte header
        Path journal = dir.resolve("ledger.journal");
        byte[] bytes = Files.readAllBytes(journal);
        assertTrue(bytes.length >= 16 + 3 * 39 && (bytes.length - 16) % 39 == 0,
                "header and account records only: " + bytes.length + " bytes");
        bytes[16 + 12] ^= 0x40; // inside the first account's id
        Files.write(journal, bytes);
        try (ConnectorProcess damaged = ConnectorProcess.start("damaged-2",
                config(env, "XRP"))) {
            Pattern line = Pattern.compile("ledger journal " + Pattern.quote(journal.toString())
                    + ": damaged record at offset 16 with valid records after it; not starting");
            damaged.process().awaitLine(line, ConnectorProcess.READY_TIMEOUT);
            try { // Liberty says it started (without the app) or stopped; then never ready
                damaged.process().awaitLine(Pattern.compile("CWWKF0011I|CWWKE0036I"),
                        ConnectorProcess.READY_TIMEOUT);
            } catch (AssertionError exitedMeanwhile) {
                assertTrue(!damaged.process().isAlive(), exitedMeanwhile.getMessage());
            }
            assertTrue(damaged.readyStatus() != 200, "a node on a damaged journal is not ready");
        }
        assertEquals(bytes.length, Files.size(journal), "the file is left for the operator");
    }

    /**
     * The scenario on the ledger {@code ledgerEnv} selects, peers in {@code asset};
     * {@code restartLine} must appear in the restarted node's log (the ledger says how it found
     * its data) and nothing may be pending after {@code pendingReleasedWithin}.
     */
    static void crashAndRestart(Map<String, String> ledgerEnv, String asset, Pattern restartLine,
            Duration pendingReleasedWithin) throws Exception {
        NodeJs js = NodeJs.installed();
        Path logs = ItPaths.work().resolve("crash-it-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime());
        Files.createDirectories(logs);
        Path outcomes = logs.resolve("sender-outcomes.txt");
        Path sinkLog = logs.resolve("sink-fulfilled.txt");

        try (ConnectorProcess node = ConnectorProcess.startReady("crash-1",
                config(ledgerEnv, asset));
             LoggedProcess sink = js.start("load-sink.js", "--btp",
                     node.btpUrl("loadsink", "loadsink-secret"), "--timeout", "400",
                     "--log", sinkLog.toString())) {
            sink.awaitLine(Pattern.compile("SINK READY"), WAIT);
            try (LoggedProcess gen = js.start("load-gen.js", "--btp",
                    node.btpUrl("loadsrc", "loadsrc-secret"), "--dest", "test.crash.loadsink.x",
                    "--count", "1000000", "--duration", "240", "--concurrency",
                    Integer.toString(CONCURRENCY), "--warmup", "0", "--amount-spread",
                    Integer.toString(AMOUNT_SPREAD), "--outcomes", outcomes.toString())) {
                awaitLines(outcomes, ANSWERED_BEFORE_KILL, gen);
                killNine(node.pid());
            }
        }
        Map<String, Long> answered = new HashMap<>();
        Map<String, Long> senderFulfilled = new HashMap<>();
        for (String line : Files.readAllLines(outcomes)) {
            String[] f = line.split(" ");
            answered.put(f[1], Long.parseLong(f[2]));
            if (f[0].equals("F")) {
                senderFulfilled.put(f[1], Long.parseLong(f[2]));
            }
        }
        Map<String, Long> sinkFulfilled = new HashMap<>();
        for (String line : Files.readAllLines(sinkLog)) {
            String[] f = line.split(" ");
            if (sinkFulfilled.put(f[0], Long.parseLong(f[1])) != null) {
                throw new AssertionError("the sink fulfilled packet " + f[0] + " twice");
            }
        }
        for (Map.Entry<String, Long> e : senderFulfilled.entrySet()) {
            assertEquals(e.getValue(), sinkFulfilled.get(e.getKey()),
                    "a Fulfill the sender got came from the sink, same amount: " + e.getKey());
        }
        long senderSum = sum(senderFulfilled);
        long sinkSum = sum(sinkFulfilled);
        long inFlight = sinkFulfilled.size() - senderFulfilled.size();
        assertTrue(senderFulfilled.size() >= ANSWERED_BEFORE_KILL / 2,
                "the run was well under way: " + senderFulfilled.size() + " fulfilled");
        assertTrue(inFlight >= 0 && inFlight <= CONCURRENCY,
                "fulfilled by the sink but unanswered: " + inFlight + " (<= in flight)");

        try (ConnectorProcess restarted = ConnectorProcess.startReady("crash-2",
                config(ledgerEnv, asset))) {
            restarted.process().awaitLine(restartLine, WAIT);
            AdminClient admin = AdminClient.of(restarted, ADMIN_TOKEN);
            awaitNothingPending(admin, pendingReleasedWithin);
            JsonObject src = onlyPeer(admin, "loadsrc");
            JsonObject dst = onlyPeer(admin, "loadsink");
            long debited = -AdminClient.asLong(src.get("balance"));
            long credited = AdminClient.asLong(dst.get("balance"));
            String view = "sender saw " + senderSum + " fulfilled (" + senderFulfilled.size()
                    + " of " + answered.size() + " answered packets), sink fulfilled " + sinkSum
                    + "; ledger: sender debited " + debited + ", sink credited " + credited;
            System.out.println("LedgerCrashIT " + ledgerEnv.keySet() + ": " + view);
            assertTrue(debited >= senderSum && debited <= sinkSum, view);
            assertTrue(credited >= senderSum && credited <= sinkSum, view);
            for (JsonObject peer : List.of(src, dst)) {
                assertEquals("0", peer.getString("pendingIn"), "nothing held: " + peer);
                assertEquals("0", peer.getString("pendingOut"), "nothing held: " + peer);
            }
            afterRestartPacketsMoveExactly(js, restarted, admin, debited, credited);
        }
    }

    private static void afterRestartPacketsMoveExactly(NodeJs js, ConnectorProcess node,
            AdminClient admin, long debited, long credited) throws Exception {
        try (LoggedProcess sink = js.start("load-sink.js", "--btp",
                node.btpUrl("loadsink", "loadsink-secret"), "--timeout", "120")) {
            sink.awaitLine(Pattern.compile("SINK READY"), WAIT);
            try (LoggedProcess gen = js.start("load-gen.js", "--btp",
                    node.btpUrl("loadsrc", "loadsrc-secret"), "--dest", "test.crash.loadsink.y",
                    "--count", "50", "--duration", "60", "--concurrency", "5", "--warmup", "0")) {
                assertEquals(0, gen.awaitExit(WAIT), "50 packets after the restart:\n"
                        + gen.tail());
            }
        }
        assertEquals(-(debited + 50), AdminClient.asLong(onlyPeer(admin, "loadsrc")
                .get("balance")));
        assertEquals(credited + 50, AdminClient.asLong(onlyPeer(admin, "loadsink")
                .get("balance")));
    }

    /** Polls until neither peer has anything pending, at most {@code within} (zero: now). */
    private static void awaitNothingPending(AdminClient admin, Duration within)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            JsonObject src = onlyPeer(admin, "loadsrc");
            JsonObject dst = onlyPeer(admin, "loadsink");
            boolean clear = List.of(src, dst).stream().allMatch(p -> "0".equals(
                    p.getString("pendingIn")) && "0".equals(p.getString("pendingOut")));
            if (clear || System.nanoTime() > deadline) {
                return; // the assertions that follow say what is left
            }
            Thread.sleep(500); // polling a ledger's own timeouts, bounded above
        }
    }

    private static Map<String, String> config(Map<String, String> ledgerEnv, String asset) {
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.crash",
                "NODE_ID", "crash",
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "CONNECTOR_PEERS", "loadsrc,loadsink",
                // settlement intents would hold part of the sink's balance: packets only here
                "SETTLEMENT_ENABLED", "false");
        for (String id : List.of("loadsrc", "loadsink")) {
            ConnectorProcess.peer(config, id, "RELATION", "child", "BTP_TOKEN", id + "-secret",
                    "ASSET_CODE", asset, "ASSET_SCALE", "9", "MAX_PACKET_AMOUNT", "1000000",
                    "MIN_BALANCE", "-1000000000000");
        }
        config.putAll(ledgerEnv);
        return config;
    }

    /** The peer from /admin/peers, which must list it exactly once (no duplicate account). */
    private static JsonObject onlyPeer(AdminClient admin, String id)
            throws IOException, InterruptedException {
        String body = admin.get("/admin/peers").body();
        JsonObject found = null;
        for (JsonValue v : AdminClient.parseArray(body)) {
            JsonObject peer = v.asJsonObject();
            if (peer.getString("id").equals(id)) {
                assertTrue(found == null, id + " listed twice: " + body);
                found = peer;
            }
        }
        assertTrue(found != null && !found.isNull("balance"), id + " with a balance: " + body);
        return found;
    }

    /** SIGKILL to the node's JVM and anything it started; returns once it is gone. */
    static void killNine(long pid) throws Exception {
        ProcessHandle jvm = ProcessHandle.of(pid).orElseThrow();
        jvm.descendants().forEach(ProcessHandle::destroyForcibly);
        assertTrue(jvm.destroyForcibly(), "SIGKILL sent");
        jvm.onExit().get(30, TimeUnit.SECONDS);
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

    private static long sum(Map<String, Long> amounts) {
        return amounts.values().stream().mapToLong(Long::longValue).sum();
    }
}
