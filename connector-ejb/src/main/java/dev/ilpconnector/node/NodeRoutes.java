package dev.ilpconnector.node;

import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.packetswitch.PeerProtocols;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.routing.Route;
import dev.ilpconnector.routing.RouteSource;
import java.util.ArrayList;
import java.util.List;

/** The routes a node knows from its configuration alone. */
final class NodeRoutes {

    /** The next-hop name of routes that end at this node. */
    static final String SELF = "self";

    private NodeRoutes() {
    }

    /**
     * Our own address to local delivery, each child's address to that child (RFC 31: the child
     * got it from us), every peer's configured prefixes to that peer, and whatever else to our
     * first parent (the default route; the reference connector's {@code defaultRoute: auto}).
     */
    static List<Route> initial(IlpAddress self, List<PeerConfig> peers, PeerProtocols protocols) {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route(self.value(), SELF, List.of(), RouteSource.LOCAL));
        peers.stream().filter(p -> p.relation() == Relation.PARENT).findFirst()
                .ifPresent(parent -> routes.add(Route.of("", parent.id(), RouteSource.STATIC)));
        for (PeerConfig peer : peers) {
            if (peer.relation() == Relation.CHILD) {
                routes.add(new Route(protocols.childAddress(peer).value(), peer.id(), List.of(),
                        RouteSource.STATIC));
            }
            for (String prefix : peer.routes()) {
                routes.add(new Route(prefix, peer.id(), List.of(), RouteSource.STATIC));
            }
        }
        return routes;
    }
}
