package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.peer.PeerConfig;

/**
 * Answers the route broadcasting Prepares of a neighbour ({@code peer.route.*}, RFC 10). Runs
 * on the thread that delivered the Prepare: it must answer without waiting.
 */
@FunctionalInterface
public interface RouteExchange {

    IlpResponse handle(PeerConfig source, IlpPrepare prepare);
}
