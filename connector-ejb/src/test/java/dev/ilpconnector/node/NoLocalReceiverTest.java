package dev.ilpconnector.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.packetswitch.Rejects;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the node answers for its own address while no agent is attached. */
class NoLocalReceiverTest {

    private final Rejects rejects = new Rejects(IlpAddress.of("test.node"));
    private final IlpPrepare prepare = new IlpPrepare(5, Instant.now().plusSeconds(5),
            new byte[32], IlpAddress.of("test.node.abc"), new byte[0]);

    @Test
    void withoutLocalDeliveryNobodyReceivesHere() {
        IlpReject r = (IlpReject) new NoLocalReceiver(() -> rejects, () -> false)
                .deliver(prepare).join();
        assertEquals(IlpErrorCode.F02_UNREACHABLE, r.code());
        assertEquals("test.node", r.triggeredBy());
    }

    @Test
    void withLocalDeliveryTheAgentIsAwaitedSoTheSenderRetries() {
        IlpReject r = (IlpReject) new NoLocalReceiver(() -> rejects, () -> true)
                .deliver(prepare).join();
        assertEquals(IlpErrorCode.T00_INTERNAL_ERROR, r.code());
    }
}
