package dev.ilpconnector.settlement;

import java.util.Objects;

/**
 * One outgoing settlement the node asks an engine to make.
 *
 * @param idempotencyKey unique per settlement; an engine that sees the same key again must not
 *                       pay twice (the node's ledger intent carries the same key)
 * @param peerId         the peer to pay
 * @param amount         unsigned 64-bit amount in the peer's asset units, non-zero
 * @param assetCode      the peer's asset
 * @param assetScale     its decimal places
 */
public record SettlementRequest(String idempotencyKey, String peerId, long amount,
                                String assetCode, int assetScale) {

    public SettlementRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(assetCode, "assetCode");
        if (amount == 0) {
            throw new IllegalArgumentException("a settlement moves a non-zero amount");
        }
    }
}
