package dev.ilpconnector.node;

import java.math.BigInteger;

/**
 * A peer's balance with this node, in the peer's asset units.
 *
 * @param peerId     the peer
 * @param balance    posted balance: what we owe the peer (negative: the peer owes us)
 * @param pendingIn  amounts held for packets the peer sent us that are not settled yet
 * @param pendingOut amounts held for packets we forwarded to the peer that are not settled yet
 * @param minBalance how far below zero the peer may go
 * @param assetCode  the peer's asset
 * @param assetScale its decimal places
 */
public record PeerBalance(String peerId, BigInteger balance, BigInteger pendingIn,
                          BigInteger pendingOut, long minBalance, String assetCode,
                          int assetScale) {
}
