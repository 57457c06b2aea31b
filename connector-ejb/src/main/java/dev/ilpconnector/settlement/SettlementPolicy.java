package dev.ilpconnector.settlement;

/**
 * One peer's settlement policy, in the peer's asset units. Balances are what the node owes the
 * peer (docs/ledger.md): when that passes {@code threshold}, the node settles down to
 * {@code settleTo}.
 *
 * @param enabled   whether the node settles with this peer at all
 * @param threshold settle once the balance owed to the peer is above this (positive)
 * @param settleTo  the balance a settlement leaves; below the threshold, not below the peer's
 *                  min balance
 */
public record SettlementPolicy(boolean enabled, long threshold, long settleTo) {

    public SettlementPolicy {
        if (threshold <= 0) {
            throw new IllegalArgumentException("settle threshold must be positive");
        }
        if (settleTo >= threshold) {
            throw new IllegalArgumentException("settle-to must be below the settle threshold");
        }
    }
}
