package dev.ilpconnector.codec.ccp;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Route update request (RFC 10, {@code peer.route.update}): the changes of the speaker's
 * routing table from {@code fromEpochIndex} to {@code toEpochIndex}. An update without routes
 * is a heartbeat that keeps the speaker's routes alive for another {@code holdDownTime}.
 *
 * @param routingTableId    the speaker's table (a new id means the speaker restarted)
 * @param currentEpochIndex UInt32: the epoch the speaker's table is at
 * @param fromEpochIndex    UInt32: the epoch the changes start from (the requester's last)
 * @param toEpochIndex      UInt32: the epoch the requester is at after applying them
 * @param holdDownTime      UInt32 milliseconds the routes stay valid without a new update
 * @param speaker           the speaker's ILP address
 * @param newRoutes         routes added or changed
 * @param withdrawnRoutes   prefixes no longer reachable through the speaker
 */
public record CcpRouteUpdateRequest(UUID routingTableId, long currentEpochIndex,
                                    long fromEpochIndex, long toEpochIndex, long holdDownTime,
                                    String speaker, List<CcpRoute> newRoutes,
                                    List<String> withdrawnRoutes) {

    public CcpRouteUpdateRequest {
        Objects.requireNonNull(routingTableId, "routingTableId");
        Ccp.checkUInt32(currentEpochIndex, "currentEpochIndex");
        Ccp.checkUInt32(fromEpochIndex, "fromEpochIndex");
        Ccp.checkUInt32(toEpochIndex, "toEpochIndex");
        Ccp.checkUInt32(holdDownTime, "holdDownTime");
        Ccp.checkAddress(speaker, "speaker");
        newRoutes = List.copyOf(newRoutes);
        withdrawnRoutes = List.copyOf(withdrawnRoutes);
        for (String prefix : withdrawnRoutes) {
            Ccp.checkPrefix(prefix, "withdrawnRoutes");
        }
    }
}
