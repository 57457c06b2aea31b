package dev.ilpconnector.peer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One peer as configured.
 *
 * @param id              the peer id: BTP {@code auth_username} and, for a child, its address
 *                        segment
 * @param relation        parent, peer or child
 * @param btpUrl          present when we dial the peer
 * @param incomingToken   present when the peer dials us; compared in constant time
 * @param assetCode       the asset the peer's amounts are in (e.g. {@code XRP})
 * @param assetScale      decimal places of that asset, 0..255 (RFC 31)
 * @param maxPacketAmount largest Prepare amount accepted from the peer, unsigned 64-bit
 * @param minBalance      how far the peer's balance may go below zero (signed; balance is what
 *                        we owe the peer, so a peer that sends us money goes negative)
 * @param routes          address prefixes statically routed to this peer
 */
public record PeerConfig(
        String id,
        Relation relation,
        Optional<BtpUrl> btpUrl,
        Optional<String> incomingToken,
        String assetCode,
        int assetScale,
        long maxPacketAmount,
        long minBalance,
        List<String> routes) {

    /** Peer ids double as ILP address segments and config key segments, so keep them simple. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** What {@link #isValidId} wants, for error messages. */
    public static final String ID_RULE =
            "must be 1-64 of a-z 0-9 _ - starting with a letter or digit";

    public PeerConfig {
        Objects.requireNonNull(id, "id");
        if (!isValidId(id)) {
            throw new IllegalArgumentException("peer id " + ID_RULE + ": " + id);
        }
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(btpUrl, "btpUrl");
        Objects.requireNonNull(incomingToken, "incomingToken");
        Objects.requireNonNull(assetCode, "assetCode");
        if (assetCode.isEmpty()) {
            throw new IllegalArgumentException("asset code must not be empty");
        }
        if (assetScale < 0 || assetScale > 255) {
            throw new IllegalArgumentException("asset scale must be 0..255");
        }
        if (minBalance > 0) {
            throw new IllegalArgumentException("min balance must be zero or negative");
        }
        routes = List.copyOf(routes);
        if (btpUrl.isPresent() == incomingToken.isPresent()) {
            throw new IllegalArgumentException(
                    "peer needs exactly one of a BTP URL (we dial) or an incoming token "
                            + "(they dial)");
        }
    }

    /** Whether the id can serve as address segment and config key segment. */
    public static boolean isValidId(String id) {
        return ID.matcher(id).matches();
    }

    /** Keeps the token out of logs and error messages. */
    @Override
    public String toString() {
        return "PeerConfig[id=" + id + ", relation=" + relation.configName()
                + ", btpUrl=" + btpUrl.map(BtpUrl::toString).orElse("-")
                + ", incomingToken=" + (incomingToken.isPresent() ? "***" : "-")
                + ", asset=" + assetCode + "/" + assetScale
                + ", maxPacketAmount=" + Long.toUnsignedString(maxPacketAmount)
                + ", minBalance=" + minBalance + ", routes=" + routes + "]";
    }
}
