package dev.ilpconnector.packetswitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The agent attaches to and detaches from the node's local delivery while packets flow. */
class LocalDeliverySlotTest {

    private final IlpResponse refused = new Rejects(IlpAddress.of("test.node"))
            .reject(IlpErrorCode.F02_UNREACHABLE, "no receiver");
    private final IlpResponse paid = new IlpFulfill(new byte[32], new byte[0]);
    private final LocalDelivery fallback = p -> CompletableFuture.completedFuture(refused);
    private final LocalDelivery agent = p -> CompletableFuture.completedFuture(paid);
    private final IlpPrepare prepare = new IlpPrepare(1, Instant.now().plusSeconds(5),
            new byte[32], IlpAddress.of("test.node.x"), new byte[0]);

    @Test
    void fallbackUntilAttachedAndAfterDetached() {
        LocalDeliverySlot slot = new LocalDeliverySlot(fallback);
        assertSame(refused, slot.deliver(prepare).join());
        slot.attach(agent);
        assertTrue(slot.isAttached());
        assertSame(paid, slot.deliver(prepare).join());
        slot.detach(agent);
        assertFalse(slot.isAttached());
        assertSame(refused, slot.deliver(prepare).join());
    }

    @Test
    void secondReceiverIsRefusedAndAStrangerCannotDetach() {
        LocalDeliverySlot slot = new LocalDeliverySlot(fallback);
        slot.attach(agent);
        slot.attach(agent);
        assertThrows(IllegalStateException.class, () -> slot.attach(fallback));
        slot.detach(fallback);
        assertSame(paid, slot.deliver(prepare).join());
    }

    @Test
    void theAttachedReceiverLearnsTheSourcePeerForItsAssetCheck() {
        PeerConfig alice = new PeerConfig("alice", Relation.CHILD, Optional.empty(),
                Optional.of("t"), "XRP", 9, -1L, 0, List.of());
        AtomicReference<PeerConfig> seen = new AtomicReference<>();
        LocalDelivery receiver = new LocalDelivery() {
            @Override
            public CompletableFuture<IlpResponse> deliver(IlpPrepare p) {
                throw new AssertionError("the switch gives the source");
            }

            @Override
            public CompletableFuture<IlpResponse> deliver(PeerConfig source, IlpPrepare p) {
                seen.set(source);
                return CompletableFuture.completedFuture(paid);
            }
        };
        LocalDeliverySlot slot = new LocalDeliverySlot(fallback);
        assertSame(refused, slot.deliver(alice, prepare).join(), "a plain fallback works too");
        slot.attach(receiver);
        assertSame(paid, slot.deliver(alice, prepare).join());
        assertEquals(alice, seen.get());
    }
}
