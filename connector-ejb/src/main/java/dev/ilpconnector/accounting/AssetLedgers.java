package dev.ilpconnector.accounting;

import dev.ilpconnector.ledger.LedgerId;
import dev.ilpconnector.peer.PeerConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic ledger numbers and account ids, so a restarted node (or a second node on the
 * same TigerBeetle cluster) finds the same accounts without a lookup table.
 */
final class AssetLedgers {

    private AssetLedgers() {
    }

    /** One ledger per asset: code and scale, since amounts of different scales never mix. */
    static int ledgerOf(String assetCode, int assetScale) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("ledger:" + assetCode + "/" + assetScale)
                            .getBytes(StandardCharsets.UTF_8));
            int ledger = ByteBuffer.wrap(hash).getInt();
            // TigerBeetle refuses ledger 0; the chance of hitting it is 2^-32 but it costs nothing.
            return ledger == 0 ? 1 : ledger;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static int ledgerOf(PeerConfig peer) {
        return ledgerOf(peer.assetCode(), peer.assetScale());
    }

    static LedgerId peerAccount(PeerConfig peer) {
        return LedgerId.forName(
                "peer:" + peer.id() + ":" + peer.assetCode() + "/" + peer.assetScale());
    }

    static LedgerId connectorAccount(String assetCode, int assetScale) {
        return LedgerId.forName("connector:" + assetCode + "/" + assetScale);
    }

    static LedgerId connectorAccount(PeerConfig peer) {
        return connectorAccount(peer.assetCode(), peer.assetScale());
    }
}
