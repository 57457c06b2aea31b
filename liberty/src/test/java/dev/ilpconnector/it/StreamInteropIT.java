package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A STREAM payment (ilp-protocol-stream 2.7.1, SPSP) through our connector: JS sender and
 * JS receiver are both BTP children of one node. The node's max packet amount of 100,000
 * makes the 1,000,000-unit payment take at least 10 packets (STREAM learns the limit from
 * the F08 reject). Afterwards the admin API must show both balances moved by exactly the
 * amount: the sender owes us (-), we owe the receiver (+) — PeerBalance: "+ we owe them".
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StreamInteropIT {

    private static final long AMOUNT = 1_000_000;
    private static final String ADMIN_TOKEN = "stream-it-admin-token";

    @Test
    void streamPaymentThroughOneNode() throws Exception {
        NodeJs js = NodeJs.installed();
        Map<String, String> config = ConnectorProcess.config(
                "ILP_ADDRESS", "test.java",
                "NODE_ID", "stream-it",
                "ADMIN_API_TOKEN", ADMIN_TOKEN,
                "CONNECTOR_PEERS", "sender,receiver");
        ConnectorProcess.streamChild(config, "sender");
        ConnectorProcess.streamChild(config, "receiver");
        try (ConnectorProcess node = ConnectorProcess.startReady("stream-it", config)) {
            AdminClient admin = AdminClient.of(node, ADMIN_TOKEN);
            long senderBefore = admin.balance("sender");
            long receiverBefore = admin.balance("receiver");

            StreamPayment.Result r = StreamPayment.pay(js,
                    node.btpUrl("receiver", "receiver-token"),
                    node.btpUrl("sender", "sender-token"),
                    AMOUNT, Duration.ofSeconds(60));

            assertEquals("test.java.receiver", r.receiverAddress(), "IL-DCP address of the child");
            assertEquals(AMOUNT, r.sent());
            assertEquals(AMOUNT, r.delivered());
            assertEquals(AMOUNT, r.received());
            // balances are written when the Fulfill passes; allow the admin view a moment
            admin.awaitPeer("receiver",
                    p -> AdminClient.asLong(p.get("balance")) == receiverBefore + AMOUNT,
                    Duration.ofSeconds(10));
            assertEquals(senderBefore - AMOUNT, admin.balance("sender"), "sender owes us");
            assertEquals(receiverBefore + AMOUNT, admin.balance("receiver"), "we owe the receiver");
        }
    }
}
