package dev.ilpconnector.settlement;

import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.peer.PeerConfig;
import java.math.BigInteger;

/**
 * A peer's account as an operator reads it: the ledger's totals, the policy, and the outgoing
 * settlements this node has in flight for the peer (their intents are among the pending
 * debits).
 *
 * @param peer               the peer as configured (asset, min balance)
 * @param policy             its settlement policy
 * @param balance            the ledger's four totals of the peer's account
 * @param settlementInFlight sum of the outgoing settlements requested and not yet finished
 */
public record BalanceReport(PeerConfig peer, SettlementPolicy policy, AccountBalance balance,
                            BigInteger settlementInFlight) {
}
