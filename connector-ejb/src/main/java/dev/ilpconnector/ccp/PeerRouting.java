package dev.ilpconnector.ccp;

import dev.ilpconnector.peer.Relation;

/**
 * What route exchange may do with one peer.
 *
 * @param sendRoutes    we answer its route control requests and send it route updates
 * @param receiveRoutes we ask it for route updates and apply them
 * @param weight        among learned routes of equal path length, the higher weight wins
 */
public record PeerRouting(boolean sendRoutes, boolean receiveRoutes, int weight) {

    /**
     * The defaults of a relation: parents and peers exchange routes both ways; a child gets no
     * routes (its parent's address covers it) but may announce prefixes under its own address.
     */
    public static PeerRouting defaults(Relation relation) {
        return new PeerRouting(relation != Relation.CHILD, true, 0);
    }
}
