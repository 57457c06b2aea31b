package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.peer.PeerConfig;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The switch's local delivery, into which a receiver (the agent runtime) attaches itself when it
 * starts and from which it detaches when it stops; until then, and after, Prepares for the
 * node's own address go to the fallback. One read of a reference per local packet.
 */
public final class LocalDeliverySlot implements LocalDelivery {

    private final LocalDelivery fallback;
    private final AtomicReference<LocalDelivery> attached = new AtomicReference<>();

    public LocalDeliverySlot(LocalDelivery fallback) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /**
     * Attaches {@code receiver}.
     *
     * @throws IllegalStateException when another receiver is attached already
     */
    public void attach(LocalDelivery receiver) {
        Objects.requireNonNull(receiver, "receiver");
        if (!attached.compareAndSet(null, receiver) && attached.get() != receiver) {
            throw new IllegalStateException("a local receiver is attached already");
        }
    }

    /** Detaches {@code receiver}, if it is the one attached. */
    public void detach(LocalDelivery receiver) {
        attached.compareAndSet(receiver, null);
    }

    public boolean isAttached() {
        return attached.get() != null;
    }

    @Override
    public CompletableFuture<IlpResponse> deliver(IlpPrepare prepare) {
        LocalDelivery receiver = attached.get();
        return (receiver == null ? fallback : receiver).deliver(prepare);
    }

    @Override
    public CompletableFuture<IlpResponse> deliver(PeerConfig source, IlpPrepare prepare) {
        LocalDelivery receiver = attached.get();
        return (receiver == null ? fallback : receiver).deliver(source, prepare);
    }
}
