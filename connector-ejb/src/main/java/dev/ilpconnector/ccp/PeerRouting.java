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
     * The defaults of a relation, as in the reference connector: parents and peers exchange
     * routes both ways; a child neither gets routes (our address covers it) nor is asked for
     * any, since most children are plain clients (STREAM senders, receivers) that speak no CCP.
     * A child configured to send routes may announce prefixes under its own address only.
     */
    public static PeerRouting defaults(Relation relation) {
        boolean exchange = relation != Relation.CHILD;
        return new PeerRouting(exchange, exchange, 0);
    }
}
