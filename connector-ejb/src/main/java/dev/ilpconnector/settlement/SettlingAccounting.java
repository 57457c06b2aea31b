package dev.ilpconnector.settlement;

import dev.ilpconnector.packetswitch.Accounting;
import dev.ilpconnector.peer.PeerConfig;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * The switch's accounting with a settlement check after each fulfilled packet towards a peer
 * with settlement on: what we owe that peer has just grown. The check itself is coalesced and
 * runs on the settlement executor ({@link Settlements#fulfilled}), never on the caller's thread.
 */
final class SettlingAccounting implements Accounting {

    private final Accounting delegate;
    private final Settlements settlements;

    SettlingAccounting(Accounting delegate, Settlements settlements) {
        this.delegate = delegate;
        this.settlements = settlements;
    }

    @Override
    public CompletionStage<Hold> hold(PeerConfig source, long sourceAmount,
                                      PeerConfig destination, long destinationAmount,
                                      Instant holdUntil, byte[] executionCondition) {
        CompletionStage<Hold> held = delegate.hold(source, sourceAmount, destination,
                destinationAmount, holdUntil, executionCondition);
        if (destination == null || destinationAmount == 0 || !settlements.watches(destination)) {
            return held;
        }
        return held.thenApply(hold -> hold.status() == HoldStatus.HELD
                ? new Watched(hold, destination) : hold);
    }

    @Override
    public CompletionStage<Void> commit(Hold hold) {
        if (hold instanceof Watched watched) {
            return delegate.commit(watched.inner())
                    .thenRun(() -> settlements.fulfilled(watched.destination()));
        }
        return delegate.commit(hold);
    }

    @Override
    public CompletionStage<Void> release(Hold hold) {
        return delegate.release(hold instanceof Watched watched ? watched.inner() : hold);
    }

    /** A hold whose commit raises what we owe {@code destination}. */
    private record Watched(Hold inner, PeerConfig destination) implements Hold {
        @Override
        public HoldStatus status() {
            return inner.status();
        }
    }
}
