package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * BTP over TLS on Liberty (server.xml, docs/btp.md "TLS"): links we dial with
 * {@code btp+wss://}, and {@code /btp} on the HTTPS port. The peers are btp-tls-peer.js
 * (ilp-plugin-btp on a Node https server) with certificates of a throwaway CA made by
 * {@link TestPki}; they fulfill a Prepare whose condition is SHA-256({@link #FULFILLMENT}) and
 * reject any other with F99 from {@code test.tls}, so an answer can only have come from them.
 * <pre>
 *   BtpTestClient "sender" --wss (HTTPS_PORT)--> our node --btp+wss--> btp-tls-peer.js
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BtpTlsIT {

    private static final String PEER_SECRET = "tls-peer-secret";
    private static final String SENDER_TOKEN = "sender-token";
    private static final byte[] FULFILLMENT =
            Frames.sha256("btp-tls-it fulfillment".getBytes(StandardCharsets.UTF_8));
    private static final byte[] CONDITION = Frames.sha256(FULFILLMENT);
    private static final Duration LINK_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern PEER_READY = Pattern.compile("TLS_PEER READY");
    private static final Pattern PEER_TLS_UP =
            Pattern.compile("TLS_PEER TLS protocol=(TLSv1\\.[23])");
    private static final Pattern PEER_BTP_UP = Pattern.compile("TLS_PEER CONNECTED");
    /** The client answered our certificate with an alert: it refused the handshake. */
    private static final Pattern PEER_REFUSED =
            Pattern.compile("TLS_PEER TLS_CLIENT_ERROR code=ERR_SSL_\\S*ALERT\\S*");

    private static final Pattern TLS_WORDS =
            Pattern.compile("(?i)CWPKI|ssl|tls|keystore|truststore|certificat");

    private TestPki pki;
    private NodeJs js;

    @BeforeAll
    void setUp() throws Exception {
        pki = TestPki.create();
        js = NodeJs.installed();
    }

    /**
     * An operator's trust store (BTP_TLS_TRUSTSTORE) lets the link to a peer with a private-CA
     * certificate come up; Prepares cross it both ways. The same CA's certificate for another
     * host name is refused (host names are verified). The sender itself dials our HTTPS port
     * (HTTPS_KEYSTORE), so every hop of the packet is TLS.
     */
    @Test
    void privateCaTrustStoreBringsTheLinkUpAndPacketsCrossIt() throws Exception {
        int[] ports = Ports.free(2);
        try (LoggedProcess peer = startPeer(pki.localhost(), ports[0]);
             LoggedProcess wrongName = startPeer(pki.wrongName(), ports[1])) {
            Map<String, String> config = nodeConfig("tls-it-trust", ports[0]);
            ConnectorProcess.peer(config, "wrongname", "RELATION", "peer",
                    "BTP_URL", peerUrl(ports[1]), "ROUTES", "test.wrongname");
            config.put("CONNECTOR_PEERS", "tlspeer,sender,wrongname");
            config.put("BTP_TLS_TRUSTSTORE", pki.trustStore().toString());
            config.put("BTP_TLS_TRUSTSTORE_PASSWORD", TestPki.PASSWORD);
            config.put("HTTPS_KEYSTORE", pki.localhost().toString());
            config.put("HTTPS_KEYSTORE_PASSWORD", TestPki.PASSWORD);
            try (ConnectorProcess node = ConnectorProcess.startReady("tls-it-trust", config)) {
                awaitLink(node, "tlspeer", true);
                String protocol = peer.awaitLine(PEER_TLS_UP, LINK_TIMEOUT).group(1);
                peer.awaitLine(PEER_BTP_UP, LINK_TIMEOUT);

                URI wss = URI.create("wss://localhost:" + node.httpsPort() + "/btp");
                try (BtpTestClient sender = BtpTestClient.authenticated(wss,
                        pki.clientContext(), "sender", SENDER_TOKEN)) {
                    Object fulfilled = sender.sendIlp(prepare("test.tls.bob", CONDITION));
                    Frames.Fulfill fulfill = assertInstanceOf(Frames.Fulfill.class, fulfilled,
                            "the TLS peer fulfills its condition");
                    assertArrayEquals(FULFILLMENT, fulfill.fulfillment());
                    peer.awaitLine(Pattern.compile("TLS_PEER PREPARE destination=test\\.tls\\.bob"
                            + " amount=100 answer=fulfill tls=" + protocol), LINK_TIMEOUT);

                    byte[] otherCondition = Frames.sha256(CONDITION);
                    Frames.Reject reject = assertInstanceOf(Frames.Reject.class,
                            sender.sendIlp(prepare("test.tls.bob", otherCondition)));
                    assertEquals("F99", reject.code(), reject.toString());
                    assertEquals("test.tls", reject.triggeredBy(), "rejected by the TLS peer");
                    assertEquals("tls peer: unknown condition", reject.message());
                }

                // same CA, certificate for peer.invalid: refused at every attempt
                wrongName.awaitLine(PEER_REFUSED, LINK_TIMEOUT);
                assertFalse(linkConnected(node, "wrongname"));
                assertFalse(wrongName.output().contains("TLS_PEER TLS protocol"),
                        "no handshake completed with the wrong-name peer:\n" + wrongName.output());
                assertTrue(node.process().output().lines().anyMatch(l -> l.contains(
                        "btp.connect.failed peer=wrongname") && l.contains("matching localhost")),
                        "the link's warning names the host name mismatch:\n"
                                + node.process().tail());
            }
        }
    }

    /**
     * A node without any TLS setting dials a peer whose CA neither the JDK nor anyone else
     * trusts: the handshake is refused at every attempt, the link stays down, and the node
     * stays healthy, serves its other peers, and logs one warning for the series, no errors.
     */
    @Test
    void withoutTheTrustStoreTheHandshakeIsRefusedAndTheNodeStaysHealthy() throws Exception {
        int port = Ports.free();
        try (LoggedProcess peer = startPeer(pki.localhost(), port);
             ConnectorProcess node = ConnectorProcess.startReady("tls-it-untrusted",
                     nodeConfig("tls-it-untrusted", port))) {
            peer.awaitLine(PEER_REFUSED, LINK_TIMEOUT);
            awaitRefusals(peer, 2); // retried with backoff, refused again

            assertFalse(linkConnected(node, "tlspeer"), "an untrusted peer's link stays down");
            assertFalse(peer.output().contains("TLS_PEER TLS protocol"),
                    "no TLS handshake completed:\n" + peer.output());
            assertFalse(peer.output().contains("TLS_PEER CONNECTED"));
            assertEquals(200, node.readyStatus(), "still ready");
            assertEquals(200, node.status("/health/live"), "still live");

            try (BtpTestClient sender = BtpTestClient.authenticated(node.btpUri(), "sender",
                    SENDER_TOKEN)) {
                Frames.Reject reject = assertInstanceOf(Frames.Reject.class,
                        sender.sendIlp(prepare("test.tls.bob", CONDITION)));
                assertEquals("T01", reject.code(), "peer unreachable: " + reject);
                assertEquals("test.tlsit", reject.triggeredBy());
            }

            List<String> log = node.process().output().lines().toList();
            assertEquals(List.of(), log.stream().filter(l -> l.startsWith("[ERROR")).toList(),
                    "no errors in the log");
            List<String> linkWarnings = log.stream()
                    .filter(l -> l.contains("btp.connect.failed peer=tlspeer")).toList();
            assertEquals(1, linkWarnings.size(), "one warning per series: " + linkWarnings);
            assertTrue(linkWarnings.get(0).startsWith("[WARNING")
                    && linkWarnings.get(0).contains("PKIX path building failed"),
                    linkWarnings.get(0));
            assertEquals(List.of(), log.stream()
                    .filter(l -> l.startsWith("[WARNING") && !linkWarnings.contains(l))
                    .filter(l -> TLS_WORDS.matcher(l).find())
                    .toList(), "no other TLS warnings");
        }
    }

    /**
     * Zero configuration for publicly trusted peers: the links trust what the JDK trusts
     * (trustDefaultCerts). The JDK's default trust store is pointed at the test CA with
     * javax.net.ssl.trustStore, standing in for a public CA in cacerts; no BTP_TLS_* is set.
     */
    @Test
    void whatTheJdkTrustsNeedsNoConfiguration() throws Exception {
        int port = Ports.free();
        List<String> jdkTrust = List.of(
                "-Djavax.net.ssl.trustStore=" + pki.trustStore(),
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + TestPki.PASSWORD);
        try (LoggedProcess peer = startPeer(pki.localhost(), port);
             ConnectorProcess node = ConnectorProcess.startReady("tls-it-jdk",
                     nodeConfig("tls-it-jdk", port), jdkTrust)) {
            awaitLink(node, "tlspeer", true);
            peer.awaitLine(PEER_BTP_UP, LINK_TIMEOUT);
            try (BtpTestClient sender = BtpTestClient.authenticated(node.btpUri(), "sender",
                    SENDER_TOKEN)) {
                assertInstanceOf(Frames.Fulfill.class,
                        sender.sendIlp(prepare("test.tls.carol", CONDITION)));
            }
            peer.awaitLine(Pattern.compile("TLS_PEER PREPARE destination=test\\.tls\\.carol .*"
                    + "answer=fulfill tls=TLSv1\\.[23]"), LINK_TIMEOUT);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Our node test.tlsit: peer "tlspeer" dialled over btp+wss, child "sender" may dial in. */
    private static Map<String, String> nodeConfig(String nodeId, int peerPort) {
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.tlsit",
                "NODE_ID", nodeId,
                "ASSET_CODE", "XRP",
                "ASSET_SCALE", "9",
                "CONNECTOR_PEERS", "tlspeer,sender");
        ConnectorProcess.peer(config, "tlspeer", "RELATION", "peer",
                "BTP_URL", peerUrl(peerPort), "ROUTES", "test.tls");
        ConnectorProcess.peer(config, "sender", "RELATION", "child",
                "BTP_TOKEN", SENDER_TOKEN, "MIN_BALANCE", "-1000000");
        return config;
    }

    /**
     * ilp-plugin-btp in server mode checks only the token. The host is the name in the
     * certificate: Liberty verifies an IP literal against its reverse-DNS name instead.
     */
    private static String peerUrl(int port) {
        return "btp+wss://:" + PEER_SECRET + "@localhost:" + port;
    }

    private LoggedProcess startPeer(Path pfx, int port) throws IOException, InterruptedException {
        LoggedProcess peer = js.start("btp-tls-peer.js",
                "--port", Integer.toString(port),
                "--secret", PEER_SECRET,
                "--pfx", pfx.toString(),
                "--passphrase", TestPki.PASSWORD,
                "--fulfillment", HexFormat.of().formatHex(FULFILLMENT),
                "--address", "test.tls",
                "--timeout", "300");
        try {
            peer.awaitLine(PEER_READY, Duration.ofSeconds(30));
            return peer;
        } catch (AssertionError | InterruptedException e) {
            peer.close();
            throw e;
        }
    }

    private static byte[] prepare(String destination, byte[] condition) {
        return Frames.ilpPrepare(100, Instant.now().plusSeconds(30), condition, destination,
                new byte[0]);
    }

    /** {@code connected} of the peer's {@code btp-link-<id>} check in /health/ready. */
    private static boolean linkConnected(ConnectorProcess node, String peerId)
            throws IOException, InterruptedException {
        HttpResponse<String> r = new AdminClient(node.baseUri(), "unused")
                .get("/health/ready", null);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject check = AdminClient.parseObject(r.body()).getJsonArray("checks")
                .getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("btp-link-" + peerId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no btp-link-" + peerId + ": " + r.body()));
        return check.getJsonObject("data").get("connected") == JsonValue.TRUE;
    }

    private static void awaitLink(ConnectorProcess node, String peerId, boolean connected)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LINK_TIMEOUT.toNanos();
        while (linkConnected(node, peerId) != connected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("btp-link-" + peerId + " not connected=" + connected
                        + " within " + LINK_TIMEOUT + "; node log " + node.consoleLog() + ":\n"
                        + node.process().tail());
            }
            Thread.sleep(200); // polling interval of an HTTP check
        }
    }

    /** Waits until the peer has refused at least {@code n} handshakes. */
    private static void awaitRefusals(LoggedProcess peer, int n) throws InterruptedException {
        long deadline = System.nanoTime() + LINK_TIMEOUT.toNanos();
        while (peer.output().lines().filter(l -> PEER_REFUSED.matcher(l).find()).count() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + n + " refused handshakes within "
                        + LINK_TIMEOUT + ":\n" + peer.tail());
            }
            Thread.sleep(200); // polling a log, not a sync point
        }
    }
}
