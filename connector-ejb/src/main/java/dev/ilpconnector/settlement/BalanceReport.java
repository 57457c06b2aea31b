package dev.ilpconnector.settlement;

import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.peer.PeerConfig;
import java.math.BigInteger;

/**
 * A peer's account as an operator reads it, all from the ledger: the peer account's totals,
 * its settlement account's totals, and the policy.
 *
 * @param peer       the peer as configured (asset, min balance)
 * @param policy     its settlement policy; null when it has none
 * @param balance    the peer account's four totals
 * @param settlement the peer's settlement account: pending credits are the outgoing settlement
 *                   in flight, posted credits what we settled to the peer, posted debits what
 *                   the peer settled to us
 */
public record BalanceReport(PeerConfig peer, SettlementPolicy policy, AccountBalance balance,
                            AccountBalance settlement) {

    /** The outgoing settlement requested and not finished (its intent is a pending debit). */
    public BigInteger settlementInFlight() {
        return settlement.creditsPending();
    }

    /** Everything we ever settled to the peer. */
    public BigInteger settledOut() {
        return settlement.creditsPosted();
    }

    /** Everything the peer ever settled to us. */
    public BigInteger settledIn() {
        return settlement.debitsPosted();
    }
}
