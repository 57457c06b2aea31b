package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.ledger.tigerbeetle.TigerBeetleExtension;
import dev.ilpconnector.ledger.tigerbeetle.TigerBeetleServer;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node on TigerBeetle loses its cluster in the middle of a stream of packets and gets it
 * back: while the server is gone every packet is rejected with a T-class code within a bounded
 * time (the node's 1 s TigerBeetle call timeout plus room for a loaded machine), liveness stays
 * UP and readiness goes DOWN; once the server is restarted on the same data file and port the
 * node forwards again within seconds and without a restart, and the balances are the fulfilled
 * sums.
 */
@ExtendWith(TigerBeetleExtension.class)
class TigerBeetleOutageIT {

    private static final String ADMIN_TOKEN = "tb-outage-it-admin";
    private static final long AMOUNT = 1_000;
    private static final int PACKETS_PER_PHASE = 20;
    /** What the node is told: the longest a packet waits for TigerBeetle. */
    private static final long LEDGER_TIMEOUT_MS = 1_000;
    /** A reject during the outage comes back within this (timeout + a loaded 2-core machine). */
    private static final Duration REJECT_BOUND = Duration.ofSeconds(5);
    /**
     * Forwarding resumes within this after the restart: 0.3 s seen with the fresh client; the
     * old client's own resend backoff alone took 23-30 s here.
     */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(20);

    private final SecureRandom random = new SecureRandom();

    @Test
    @Timeout(600)
    void packetsAreRefusedQuicklyWhileTheClusterIsDownAndFlowAgainWhenItIsBack(
            TigerBeetleServer tigerBeetle) throws Exception {
        // An asset of its own: its accounts are new even on a server other tests used.
        String asset = "OUT" + Integer.toString(random.nextInt(1 << 30), 36).toUpperCase();
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.outage",
                "ASSET_CODE", asset,
                "ASSET_SCALE", "9",
                "CONNECTOR_PEERS", "alice,bob",
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "TIGERBEETLE_ADDRESSES", tigerBeetle.address(),
                "TIGERBEETLE_REQUEST_TIMEOUT_MS", Long.toString(LEDGER_TIMEOUT_MS));
        ConnectorProcess.peer(config, "alice", "RELATION", "child", "BTP_TOKEN", "alice-token",
                "MIN_BALANCE", "-1000000000000");
        ConnectorProcess.peer(config, "bob", "RELATION", "child", "BTP_TOKEN", "bob-token");
        try (ConnectorProcess node = ConnectorProcess.startReady("tb-outage", config);
             BtpTestClient bob = BtpTestClient.authenticated(node.btpUri(), "bob", "bob-token");
             BtpTestClient alice = BtpTestClient.authenticated(node.btpUri(), "alice",
                     "alice-token")) {
            Thread answering = new Thread(() -> answerWithFulfills(bob), "bob-fulfills");
            answering.setDaemon(true);
            answering.start();
            AdminClient admin = AdminClient.of(node, ADMIN_TOKEN);
            long fulfilled = 0;

            for (int i = 0; i < PACKETS_PER_PHASE; i++) {
                fulfilled += requireFulfilled(send(alice));
            }

            tigerBeetle.kill();
            for (int i = 0; i < PACKETS_PER_PHASE; i++) {
                long start = System.nanoTime();
                Object reply = send(alice);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(reply instanceof Frames.Reject r && r.code().startsWith("T"),
                        "packet " + i + " during the outage: " + reply);
                assertTrue(took.compareTo(REJECT_BOUND) < 0,
                        "packet " + i + " rejected after " + took.toMillis() + " ms");
            }
            assertHealth(admin, "/health/live", 200);
            assertHealth(admin, "/health/ready", 503);

            tigerBeetle.restart();
            fulfilled += awaitForwarding(alice);
            for (int i = 0; i < PACKETS_PER_PHASE; i++) {
                fulfilled += requireFulfilled(send(alice));
            }
            assertHealth(admin, "/health/ready", 200);
            // Nothing sent during the outage was paid; everything fulfilled was, exactly once.
            assertEquals(-fulfilled, admin.balance("alice"));
            assertEquals(fulfilled, admin.balance("bob"));
        }
    }

    /** docs/accounting.md: no cluster at start-up, one line naming the key; never ready. */
    @Test
    @Timeout(300)
    void aClusterThatIsNotThereStopsStartUpWithOneLine() throws Exception {
        int nobody = Ports.free(1)[0];
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.nocluster",
                "CONNECTOR_PEERS", "x",
                "TIGERBEETLE_ADDRESSES", "127.0.0.1:" + nobody,
                "TIGERBEETLE_CONNECT_TIMEOUT_MS", "2000");
        ConnectorProcess.peer(config, "x", "RELATION", "child", "BTP_TOKEN", "x-token",
                "ASSET_CODE", "XRP", "ASSET_SCALE", "9");
        try (ConnectorProcess node = ConnectorProcess.start("tb-absent", config)) {
            Pattern line = Pattern.compile("config error: tigerbeetle\\.addresses unreachable: no"
                    + " TigerBeetle replica answered within 2000 ms .*127\\.0\\.0\\.1:" + nobody);
            node.process().awaitLine(line, ConnectorProcess.READY_TIMEOUT);
            node.process().awaitLine(Pattern.compile("CWWKF0011I|CWWKE0036I"),
                    ConnectorProcess.READY_TIMEOUT);
            assertNotEquals(200, node.readyStatus(), "a node without its ledger must not be ready");
        }
    }

    /** Sends until a packet is fulfilled again (T-class rejects until then). */
    private long awaitForwarding(BtpTestClient alice) throws Exception {
        long deadline = System.nanoTime() + RECOVERY_BOUND.toNanos();
        long start = System.nanoTime();
        while (true) {
            Object reply = send(alice);
            if (reply instanceof Frames.Fulfill) {
                System.out.println("TigerBeetleOutageIT: forwarding again "
                        + Duration.ofNanos(System.nanoTime() - start).toMillis()
                        + " ms after the server answered");
                return AMOUNT;
            }
            assertTrue(reply instanceof Frames.Reject r && r.code().startsWith("T"),
                    "after the restart: " + reply);
            assertTrue(System.nanoTime() < deadline,
                    "no packet forwarded within " + RECOVERY_BOUND + " of the restart");
            Thread.sleep(250); // a sender's retry interval, not a wait for a condition
        }
    }

    private Object send(BtpTestClient alice) throws Exception {
        byte[] fulfillment = new byte[32];
        random.nextBytes(fulfillment);
        // Bob fulfills with the Prepare's data, so the data carries the fulfillment.
        return alice.sendIlp(Frames.ilpPrepare(AMOUNT, Instant.now().plusSeconds(30),
                Frames.sha256(fulfillment), "test.outage.bob.outage", fulfillment));
    }

    private static long requireFulfilled(Object reply) {
        assertTrue(reply instanceof Frames.Fulfill, "expected a Fulfill, got " + reply);
        return AMOUNT;
    }

    private static void answerWithFulfills(BtpTestClient bob) {
        try {
            bob.answerPrepares(p -> Frames.ilpFulfill(Arrays.copyOf(p.data(), 32), new byte[0]));
        } catch (Exception e) {
            throw new IllegalStateException("bob stopped answering", e);
        }
    }

    private static void assertHealth(AdminClient admin, String path, int status)
            throws Exception {
        HttpResponse<String> r = admin.get(path, null);
        assertEquals(status, r.statusCode(), path + ": " + r.body());
    }
}
