package dev.ilpconnector.ledger;

/**
 * What became of a packet's two legs in one of the paired calls of {@link Ledger}: the
 * incoming leg (debiting the source peer) first, the outgoing leg (crediting the next hop)
 * second.
 */
public record LegResults(TransferResult first, TransferResult second) {

    /** Both legs are in the requested state. */
    public boolean bothSucceeded() {
        return first.isSuccess() && second.isSuccess();
    }
}
