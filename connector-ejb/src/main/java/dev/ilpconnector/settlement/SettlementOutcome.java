package dev.ilpconnector.settlement;

import java.util.Objects;

/**
 * How a settlement ended, as far as its engine is sure: paid ({@code settled}, the node posts
 * the intent and the balance moves) or certainly not paid ({@code settled == false}, the node
 * voids the intent). An engine that cannot tell must not complete with either (see
 * {@link SettlementEngine}).
 *
 * @param settled whether the value reached the peer
 * @param detail  a reference for reconciliation (transaction hash, operator note) or the reason
 *                it failed
 */
public record SettlementOutcome(boolean settled, String detail) {

    public SettlementOutcome {
        Objects.requireNonNull(detail, "detail");
    }

    public static SettlementOutcome settled(String reference) {
        return new SettlementOutcome(true, reference);
    }

    public static SettlementOutcome failed(String reason) {
        return new SettlementOutcome(false, reason);
    }
}
