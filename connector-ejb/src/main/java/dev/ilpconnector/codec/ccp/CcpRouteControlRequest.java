package dev.ilpconnector.codec.ccp;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Route control request (RFC 10, {@code peer.route.control}): the requester tells the speaker
 * which mode it wants and which table and epoch it already has, so that the speaker sends only
 * what changed since.
 *
 * @param mode                    IDLE or SYNC
 * @param lastKnownRoutingTableId the speaker's table the requester has (all zeros: none)
 * @param lastKnownEpoch          UInt32: the epoch of that table the requester has
 * @param features                feature names (UTF-8), none defined yet
 */
public record CcpRouteControlRequest(CcpMode mode, UUID lastKnownRoutingTableId,
                                     long lastKnownEpoch, List<String> features) {

    /** The routing table id of a requester that knows no table yet. */
    public static final UUID NO_TABLE = new UUID(0, 0);

    public CcpRouteControlRequest {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(lastKnownRoutingTableId, "lastKnownRoutingTableId");
        Ccp.checkUInt32(lastKnownEpoch, "lastKnownEpoch");
        features = List.copyOf(features);
    }
}
