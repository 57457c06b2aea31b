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
}
