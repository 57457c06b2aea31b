package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * One node, several children, each bound in its own way: a peer that reconnects in a loop or
 * goes over its rate hurts only itself, and the metrics keep a fixed set of series however
 * many destinations and reject codes go by. The shop child answers every Prepare: with a
 * Fulfill (the Prepare's data carries the fulfillment) or, when the data names a code after
 * it, with a Reject of that code, a random triggeredBy and a random message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PeerBoundsIT {

    private static final String ADMIN_TOKEN = "peer-bounds-it-admin-token";
    private static final String ADDRESS = "test.bounds";
    private static final String SHOP = ADDRESS + ".shop.";
    private static final long AMOUNT = 10;
    private static final int LIMITED_RATE = 5;
    /** RFC 27's codes, as a peer may answer them. */
    private static final List<String> CODES = List.of("F00", "F01", "F02", "F03", "F04", "F05",
            "F06", "F07", "F08", "F99", "T00", "T01", "T02", "T03", "T04", "T05", "T99", "R00",
            "R01", "R02", "R99");

    private final Random random = new Random();
    private ConnectorProcess node;
    private AdminClient admin;
    private BtpTestClient shop;
    private CompletableFuture<Void> shopAnswering;
    private Path ledgerDir;

    @BeforeAll
    void startNode() throws Exception {
        ledgerDir = ItPaths.work().resolve("peer-bounds-ledger-" + ProcessHandle.current().pid());
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", ADDRESS,
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "LEDGER_DIR", ledgerDir.toString(),
                "ASSET_CODE", "XRP",
                "ASSET_SCALE", "9",
                "CONNECTOR_PEERS", "payer,shop,stormer,limited,feeder,sleeper,upstream");
        for (String child : List.of("payer", "shop", "stormer", "limited", "feeder",
                "sleeper")) {
            ConnectorProcess.peer(config, child, "RELATION", "child",
                    "BTP_TOKEN", child + "-token", "MIN_BALANCE", "-1000000000000");
        }
        ConnectorProcess.peer(config, "limited",
                "MAX_PACKETS_PER_SECOND", Integer.toString(LIMITED_RATE));
        // A parent we dial that is never there: its URL must stay out of /health.
        ConnectorProcess.peer(config, "upstream", "RELATION", "parent",
                "BTP_URL", "btp+ws://me:upstream-secret@127.0.0.1:9/nowhere-btp");
        node = ConnectorProcess.startReady("peer-bounds", config);
        admin = AdminClient.of(node, ADMIN_TOKEN);
        shop = BtpTestClient.authenticated(node.btpUri(), "shop", "shop-token");
        shopAnswering = CompletableFuture.runAsync(this::answerAsShop);
    }

    @AfterAll
    void stopNode() {
        if (shop != null) {
            shop.close();
        }
        if (node != null) {
            node.close();
        }
    }

    // ------------------------------------------------------------------ reconnect storm

    @Test
    void aPeerReconnectingInALoopHurtsOnlyItself() throws Exception {
        try (BtpTestClient payer = BtpTestClient.authenticated(node.btpUri(), "payer",
                "payer-token")) {
            List<BtpTestClient> storm = new ArrayList<>();
            AtomicInteger paid = new AtomicInteger();
            CompletableFuture<Void> paying = CompletableFuture.runAsync(() -> {
                try {
                    for (int round = 0; round < 10; round++) {
                        for (Object reply : payer.sendIlpAll(prepares(20, null))) {
                            assertTrue(reply instanceof Frames.Fulfill, "payer got " + reply);
                            paid.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                for (int i = 0; i < 50; i++) {
                    BtpTestClient session = BtpTestClient.authenticated(node.btpUri(),
                            "stormer", "stormer-token");
                    storm.add(session);
                    // each session pays once, then the next one takes its place
                    assertTrue(session.sendIlp(prepare(null)) instanceof Frames.Fulfill);
                }
                paying.get(2, TimeUnit.MINUTES);
                assertEquals(200, paid.get(), "every packet of the other peer was fulfilled");

                BtpTestClient newest = storm.get(storm.size() - 1);
                for (BtpTestClient old : storm.subList(0, storm.size() - 1)) {
                    assertTrue(old.awaitFrameOrClose(Duration.ofSeconds(30)).isEmpty(),
                            "an old session got a frame instead of its close");
                    assertTrue(old.isClosedByServer());
                }
                assertFalse(newest.isClosedByServer());
                assertTrue(newest.sendIlp(prepare(null)) instanceof Frames.Fulfill,
                        "the newest session is the stormer's link");
            } finally {
                storm.forEach(BtpTestClient::close);
            }
        }
    }

    // ------------------------------------------------------------------ a peer that stops reading

    /**
     * The sleeper logs in, then stops reading its socket while the feeder sends it 32 KB
     * Prepares. Its writer blocks once the TCP buffers are full, its queue reaches the 4 MiB
     * bound and its session is closed; meanwhile the payer's packets to the shop all go through,
     * and every packet meant for the sleeper is answered with a Reject, nothing credited.
     */
    @Test
    void aPeerThatStopsReadingHurtsOnlyItself() throws Exception {
        try (BtpTestClient sleeper = BtpTestClient.authenticated(node.btpUri(), "sleeper",
                "sleeper-token");
             BtpTestClient feeder = BtpTestClient.authenticated(node.btpUri(), "feeder",
                     "feeder-token");
             BtpTestClient payer = BtpTestClient.authenticated(node.btpUri(), "payer",
                     "payer-token")) {
            admin.awaitPeer("sleeper", p -> p.getBoolean("connected", false),
                    Duration.ofSeconds(10));
            sleeper.stopReading();
            long feederBefore = admin.balance("feeder");
            List<byte[]> big = new ArrayList<>();
            for (int i = 0; i < 400; i++) { // 12.8 MB, past the buffers and the 4 MiB bound
                byte[] data = new byte[32_000];
                random.nextBytes(data);
                big.add(Frames.ilpPrepare(AMOUNT, Instant.now().plusSeconds(8),
                        Frames.sha256(data), ADDRESS + ".sleeper." + i, data));
            }
            CompletableFuture<List<Object>> fed = CompletableFuture.supplyAsync(() -> {
                try {
                    return feeder.sendIlpAll(big);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitLog("btp.link.down peer=sleeper side=server code=1008 reason=\"peer does not"
                    + " read its frames\"");

            // The sleeper's writer is still stuck in its write; the others are not.
            for (Object reply : payer.sendIlpAll(prepares(200, null))) {
                assertTrue(reply instanceof Frames.Fulfill, "payer got " + reply);
            }
            for (Object reply : fed.get(1, TimeUnit.MINUTES)) {
                assertTrue(reply instanceof Frames.Reject, "feeder got " + reply);
            }
            assertEquals(feederBefore, admin.balance("feeder"), "nothing paid to the sleeper");
            admin.awaitPeer("feeder", p -> "0".equals(p.getString("pendingIn")),
                    Duration.ofSeconds(10));
        }
    }

    // ------------------------------------------------------------------ rate limit

    @Test
    void aRateLimitedPeerGetsT05AndAnotherIsUnaffected() throws Exception {
        try (BtpTestClient limited = BtpTestClient.authenticated(node.btpUri(), "limited",
                     "limited-token");
             BtpTestClient payer = BtpTestClient.authenticated(node.btpUri(), "payer",
                     "payer-token")) {
            long balanceBefore = admin.balance("limited");
            List<Object> limitedReplies = limited.sendIlpAll(prepares(4 * LIMITED_RATE, null));
            List<Object> payerReplies = payer.sendIlpAll(prepares(4 * LIMITED_RATE, null));

            long fulfilled = limitedReplies.stream().filter(r -> r instanceof Frames.Fulfill)
                    .count();
            List<Frames.Reject> limitedRejects = limitedReplies.stream()
                    .filter(r -> r instanceof Frames.Reject).map(r -> (Frames.Reject) r).toList();
            assertTrue(fulfilled >= 1 && fulfilled <= LIMITED_RATE + 1,
                    "fulfilled " + fulfilled + " of " + limitedReplies.size());
            assertFalse(limitedRejects.isEmpty());
            for (Frames.Reject reject : limitedRejects) {
                assertEquals("T05", reject.code(), reject.toString());
                assertTrue(reject.message().contains("peer.limited.max-packets-per-second (5)"),
                        reject.message());
                assertEquals(ADDRESS, reject.triggeredBy());
            }
            assertTrue(payerReplies.stream().allMatch(r -> r instanceof Frames.Fulfill),
                    "the other peer is not limited: " + payerReplies);
            // Only what was fulfilled moved: T05 costs the limited peer nothing.
            assertEquals(balanceBefore - fulfilled * AMOUNT, admin.balance("limited"));
        }
    }

    // ------------------------------------------------------------------ metrics

    @Test
    void metricsKeepAFixedSetOfSeriesWhateverDestinationsAndCodesGoBy() throws Exception {
        try (BtpTestClient payer = BtpTestClient.authenticated(node.btpUri(), "payer",
                "payer-token")) {
            sendRandom(payer, 10_000);
            String after10k = metrics();
            sendRandom(payer, 10_000);
            String after20k = metrics();

            List<String> series10k = ilpSeries(after10k);
            List<String> series20k = ilpSeries(after20k);
            assertEquals(series10k.size(), series20k.size(), "new series: "
                    + series20k.stream().filter(s -> !series10k.contains(s)).toList());
            assertTrue(series20k.stream().noneMatch(s -> s.contains(SHOP)),
                    "a destination became a label");
            assertTrue(after20k.contains("ilp_packets_total{code=\"other\"")
                    || after20k.contains("code=\"other\""), "made-up codes count as other");
            assertTrue(after20k.contains("ilp_packet_duration_seconds_bucket"),
                    "durations are a histogram");
            assertTrue(after20k.contains("ilp_link_up{mp_scope=\"application\",peer=\"shop\",}"
                    + " 1.0"), "shop's link is up");
            assertTrue(after20k.contains("ilp_peer_balance{"));
            promtool(after20k);
        }
    }

    // ------------------------------------------------------------------ health

    @Test
    void readinessShowsNoPeerUrlsOrFilePathsToStrangers() throws Exception {
        HttpResponse<String> ready = admin.get("/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("btp-link-upstream"), ready.body());
        assertFalse(ready.body().contains("127.0.0.1:9"), ready.body());
        assertFalse(ready.body().contains("nowhere-btp"), ready.body());
        assertFalse(ready.body().contains(ledgerDir.toString()), ready.body());
        // The operator still finds them in the admin API.
        assertTrue(admin.get("/admin/ledger").body().contains(ledgerDir.toString()));
    }

    // ------------------------------------------------------------------ handshakes

    @Test
    void strangersHoldFewUnauthenticatedSocketsAndRefusedLoginsAreLogged() throws Exception {
        List<BtpTestClient> strangers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                strangers.add(BtpTestClient.connect(node.btpUri()));
            }
            BtpTestClient oneTooMany = BtpTestClient.connect(node.btpUri());
            strangers.add(oneTooMany);
            // Closed at once, long before the 10 s auth deadline closes the others.
            assertTrue(oneTooMany.awaitFrameOrClose(Duration.ofSeconds(5)).isEmpty());
            assertTrue(oneTooMany.isClosedByServer());
            // A peer from the same address that logs in promptly still gets in once one of
            // them is gone.
            strangers.remove(0).close();
            Thread.sleep(500); // the server hears of the close asynchronously
            try (BtpTestClient payer = BtpTestClient.authenticated(node.btpUri(), "payer",
                    "payer-token")) {
                assertTrue(payer.sendIlp(prepare(null)) instanceof Frames.Fulfill);
            }
        } finally {
            strangers.forEach(BtpTestClient::close);
        }
        try (BtpTestClient guesser = BtpTestClient.connect(node.btpUri())) {
            Frames.Btp refused = guesser.request(id -> Frames.btpAuth(id, "payer", "guess"));
            assertEquals(Frames.BTP_ERROR, refused.type());
        }
        String log = awaitLog("btp.auth.refused peer=payer address=127.0.0.1");
        assertFalse(log.contains("guess"), "the token is never logged");
    }

    // ------------------------------------------------------------------ helpers

    /** The console log once it holds {@code line} (JUL lines at WARNING reach it). */
    private String awaitLog(String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String log = java.nio.file.Files.readString(node.consoleLog(),
                    StandardCharsets.ISO_8859_1);
            if (log.contains(line)) {
                return log;
            }
            assertTrue(System.nanoTime() < deadline, "no '" + line + "' in " + node.consoleLog());
            Thread.sleep(200); // polling a log file
        }
    }

    private void sendRandom(BtpTestClient payer, int count) throws Exception {
        for (int sent = 0; sent < count; sent += 200) {
            List<byte[]> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int pick = random.nextInt(CODES.size() + 3);
                String code = pick < CODES.size() ? CODES.get(pick)
                        : pick == CODES.size() ? "FTR".charAt(random.nextInt(3)) + ""
                        + (10 + random.nextInt(80)) : null;
                batch.add(prepare(code));
            }
            for (Object reply : payer.sendIlpAll(batch)) {
                assertTrue(reply instanceof Frames.Fulfill || reply instanceof Frames.Reject,
                        String.valueOf(reply));
            }
        }
    }

    private List<byte[]> prepares(int count, String code) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(prepare(code));
        }
        return out;
    }

    /** To a random address under the shop; {@code code}: the shop rejects with it, else pays. */
    private byte[] prepare(String code) {
        byte[] fulfillment = new byte[32];
        random.nextBytes(fulfillment);
        byte[] data = code == null ? fulfillment
                : concat(fulfillment, code.getBytes(StandardCharsets.US_ASCII));
        return Frames.ilpPrepare(AMOUNT, Instant.now().plusSeconds(30),
                Frames.sha256(fulfillment), SHOP + Long.toHexString(random.nextLong()), data);
    }

    private void answerAsShop() {
        Random own = new Random();
        try {
            shop.answerPrepares(p -> p.data().length == 32
                    ? Frames.ilpFulfill(p.data(), new byte[0])
                    : Frames.ilpReject(new String(Arrays.copyOfRange(p.data(), 32, 35),
                            StandardCharsets.US_ASCII), SHOP + Long.toHexString(own.nextLong()),
                            "no " + Long.toHexString(own.nextLong()), new byte[0]));
        } catch (Exception e) {
            throw new IllegalStateException("shop stopped answering", e);
        }
    }

    private String metrics() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        node.baseUri().resolve("/metrics?scope=application"))
                .timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** Each series once: the sample lines of ilp_ metrics without their values. */
    private static List<String> ilpSeries(String exposition) {
        return exposition.lines().filter(l -> l.startsWith("ilp_"))
                .map(l -> l.substring(0, l.lastIndexOf(' '))).sorted().toList();
    }

    /** promtool (Debian package prometheus) must find nothing to say. */
    private static void promtool(String exposition) throws Exception {
        Process p = new ProcessBuilder("promtool", "check", "metrics")
                .redirectErrorStream(true).start();
        p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.strip(), "promtool: " + out);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
