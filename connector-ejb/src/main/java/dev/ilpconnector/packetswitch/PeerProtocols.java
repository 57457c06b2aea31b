package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.ildcp.Ildcp;
import dev.ilpconnector.codec.ildcp.IldcpResponse;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;

/**
 * Answers the Prepares neighbours address to {@code peer.*}: ILDCP (RFC 31) for children and
 * route broadcasting (RFC 10, {@code peer.route.*}) through the node's {@link RouteExchange}.
 */
public final class PeerProtocols {

    private static final String PEER_PREFIX = "peer.";
    private static final String ROUTE_PREFIX = "peer.route.";

    private final IlpAddress self;
    private final Rejects rejects;
    private final RouteExchange routes;

    /** A node that speaks no CCP: {@code peer.route.*} is refused F00. */
    public PeerProtocols(IlpAddress self) {
        this(self, null);
    }

    public PeerProtocols(IlpAddress self, RouteExchange routes) {
        this.self = self;
        this.rejects = new Rejects(self);
        this.routes = routes;
    }

    static boolean isPeerProtocol(String destination) {
        return destination.startsWith(PEER_PREFIX);
    }

    IlpResponse handle(PeerConfig source, IlpPrepare prepare) {
        String destination = prepare.destination().value();
        if (Ildcp.DESTINATION.equals(destination)) {
            return ildcp(source);
        }
        if (destination.startsWith(ROUTE_PREFIX)) {
            return routes == null
                    ? rejects.reject(IlpErrorCode.F00_BAD_REQUEST,
                            "route broadcasting is not enabled")
                    : routes.handle(source, prepare);
        }
        return rejects.reject(IlpErrorCode.F02_UNREACHABLE, "unknown peer protocol " + destination);
    }

    /** RFC 31: a child learns its address (ours plus its id) and the asset of its account. */
    private IlpResponse ildcp(PeerConfig source) {
        if (source.relation() != Relation.CHILD) {
            return rejects.reject(IlpErrorCode.F00_BAD_REQUEST,
                    "ILDCP is served to children only; peer " + source.id() + " is a "
                            + source.relation().configName());
        }
        return Ildcp.fulfill(new IldcpResponse(childAddress(source), source.assetScale(),
                source.assetCode()));
    }

    /** The address a child gets, and the prefix routed to it. */
    public IlpAddress childAddress(PeerConfig child) {
        return self.with(child.id());
    }
}
