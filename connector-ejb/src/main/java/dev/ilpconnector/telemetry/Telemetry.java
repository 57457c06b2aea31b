package dev.ilpconnector.telemetry;

/**
 * Where the node publishes what happens. Every method is called on the thread that made the
 * event happen, often a WebSocket or ledger thread: implementations return at once, never block,
 * never throw (a full buffer drops and counts).
 */
public interface Telemetry {

    /** Publishes nothing. */
    Telemetry NONE = new Telemetry() { };

    /** A Prepare was answered (fulfilled, rejected, or timed out). */
    default void packet(PacketEvent event) {
    }

    /** A peer's link came up ({@code up}) or the peer was left without one. */
    default void linkChanged(String peerId, boolean up) {
    }

    /** The routing table changed; {@code epoch} is its new epoch. */
    default void routesChanged(long epoch) {
    }

    /** A peer's balance may have changed (a fulfilled packet, a settlement). Coalesce freely. */
    default void balanceChanged(String peerId) {
    }

    /** A settlement changed state. */
    default void settlement(SettlementEvent event) {
    }
}
