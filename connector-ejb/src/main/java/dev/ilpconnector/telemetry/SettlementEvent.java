package dev.ilpconnector.telemetry;

import java.time.Instant;

/**
 * A settlement changing state.
 *
 * @param at             when
 * @param peerId         the peer paid (outgoing) or paying us (incoming)
 * @param idempotencyKey the settlement's key
 * @param amount         unsigned 64-bit, the peer's asset units
 * @param incoming       true when the peer settled with us
 * @param status         what happened
 * @param detail         reference, reason or engine note; never a secret
 */
public record SettlementEvent(Instant at, String peerId, String idempotencyKey, long amount,
                              boolean incoming, Status status, String detail) {

    public enum Status { REQUESTED, CONFIRMED, FAILED }
}
