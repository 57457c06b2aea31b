package dev.ilpconnector.packetswitch;

import dev.ilpconnector.peer.PeerConfig;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * How the switch moves money: two-phase, like TigerBeetle. A forwarded Prepare is held (pending)
 * on both sides of the hop, committed when a valid Fulfill comes back, released on anything else.
 */
public interface Accounting {

    /**
     * Holds {@code sourceAmount} against the source peer's limit and {@code destinationAmount}
     * for the next hop ({@code destination} null: delivered locally) until {@code holdUntil},
     * after which the ledger releases the hold by itself should the node be gone. The
     * packet's {@code executionCondition} is recorded with the hold, linking ledger and packet.
     */
    CompletionStage<Hold> hold(PeerConfig source, long sourceAmount,
                               PeerConfig destination, long destinationAmount, Instant holdUntil,
                               byte[] executionCondition);

    /** Makes a hold final; completes once the ledger has recorded it. */
    CompletionStage<Void> commit(Hold hold);

    /** Gives a hold back. */
    CompletionStage<Void> release(Hold hold);

    /** The outcome of {@link #hold}: the status says whether money is held. */
    interface Hold {
        HoldStatus status();
    }

    /** Why a hold was or was not placed; each refusal maps to one ILP reject code. */
    enum HoldStatus {
        /** Money is held; forward the packet. */
        HELD,
        /** The source peer would pass its minimum balance: T04. */
        EXCEEDS_LIMIT,
        /** Too many packets in flight for the ledger: T03. */
        BUSY,
        /** The ledger did not answer in time or failed: T00. */
        UNAVAILABLE
    }
}
