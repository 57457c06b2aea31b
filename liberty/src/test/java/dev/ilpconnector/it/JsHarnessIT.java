package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JS side alone: a STREAM payment between two mini-accounts children of the reference JS
 * connector. No node of ours is involved; when this fails, the *InteropIT failures say
 * nothing about our connector (npm tree, Node version, shim or scripts are broken instead).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JsHarnessIT {

    private static final Duration ROUTES_LEARNED = Duration.ofSeconds(60);

    @Test
    void streamPaymentAcrossTheJsConnectorAlone() throws Exception {
        NodeJs js = NodeJs.installed();
        int miniPort = Ports.free();
        try (LoggedProcess connector = js.start("js-connector.js", "--address", "test.conn",
                "--mini-port", Integer.toString(miniPort), "--max-packet-amount", "100000",
                "--timeout", "170")) {
            connector.awaitLine(Pattern.compile("JS_CONNECTOR READY"), Duration.ofSeconds(60));
            StreamPayment.Result r = StreamPayment.pay(js,
                    "btp+ws://receiver:receiver-token@127.0.0.1:" + miniPort,
                    "btp+ws://sender:sender-token@127.0.0.1:" + miniPort,
                    1_000_000, Duration.ofSeconds(60));
            assertEquals("test.conn.mini.receiver", r.receiverAddress());
            assertEquals(1_000_000, r.received());
        }
    }

    /**
     * The JS half of {@link JsConnectorPeeringInteropIT} with a second JS connector standing
     * in for ours (test.java, dialling into the "java" peer account): routes by CCP only, the
     * same flags the interop test gives the JS connector.
     */
    @Test
    void peeringTopologyWithAJsStandInForOurNode() throws Exception {
        NodeJs js = NodeJs.installed();
        int[] ports = Ports.free(5);
        Pattern ready = Pattern.compile("JS_CONNECTOR READY");
        try (LoggedProcess conn = js.start("js-connector.js", "--address", "test.conn",
                "--mini-port", Integer.toString(ports[0]), "--peer-id", "java",
                "--peer-port", Integer.toString(ports[1]), "--peer-secret", "javapeer-secret",
                "--peer-ccp", "--ccp-interval-ms", "1000",
                "--admin-port", Integer.toString(ports[3]), "--timeout", "170")) {
            conn.awaitLine(ready, Duration.ofSeconds(60));
            try (LoggedProcess standIn = js.start("js-connector.js", "--address", "test.java",
                    "--mini-port", Integer.toString(ports[2]), "--dial-id", "conn",
                    "--dial-url", "btp+ws://:javapeer-secret@127.0.0.1:" + ports[1],
                    "--peer-ccp", "--ccp-interval-ms", "1000",
                    "--admin-port", Integer.toString(ports[4]), "--timeout", "170")) {
                standIn.awaitLine(ready, Duration.ofSeconds(60));
                // Seconds when the machine is idle; a full build at load ~10 once took over 30 s.
                new JsConnectorAdmin(ports[3]).awaitRoute("test.java", "java",
                        ROUTES_LEARNED);
                new JsConnectorAdmin(ports[4]).awaitRoute("test.conn", "conn",
                        ROUTES_LEARNED);
                StreamPayment.Result in = StreamPayment.pay(js,
                        "btp+ws://receiver:t@127.0.0.1:" + ports[2],
                        "btp+ws://jssender:t@127.0.0.1:" + ports[0],
                        1_000_000, Duration.ofSeconds(60));
                assertEquals("test.java.mini.receiver", in.receiverAddress());
                assertEquals(1_000_000, in.received());
                StreamPayment.Result out = StreamPayment.pay(js,
                        "btp+ws://jsreceiver:t@127.0.0.1:" + ports[0],
                        "btp+ws://sender:t@127.0.0.1:" + ports[2],
                        1_000_000, Duration.ofSeconds(60));
                assertEquals("test.conn.mini.jsreceiver", out.receiverAddress());
                assertEquals(1_000_000, out.received());
            }
        }
    }
}
