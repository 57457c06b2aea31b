package dev.ilpconnector.ccp;

import dev.ilpconnector.codec.ccp.CcpRoute;
import dev.ilpconnector.routing.Route;
import dev.ilpconnector.routing.RouteSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chooses one route per prefix. Configured routes (static and local) always win; among learned
 * routes the shorter path wins, then the higher weight of the peer, then the smaller peer id,
 * so that every node picks the same route from the same input.
 */
final class RouteSelection {

    private RouteSelection() {
    }

    /**
     * @param configured static and local routes, at most one per prefix
     * @param learned    per peer id, the routes it announced (already filtered), by prefix
     * @param settings   the peers' weights
     */
    static List<Route> select(List<Route> configured, Map<String, Map<String, CcpRoute>> learned,
                              CcpSettings settings) {
        Set<String> fixed = new HashSet<>();
        for (Route r : configured) {
            fixed.add(r.prefix());
        }
        Map<String, Route> best = new TreeMap<>();
        for (Map.Entry<String, Map<String, CcpRoute>> peer : learned.entrySet()) {
            String peerId = peer.getKey();
            for (CcpRoute announced : peer.getValue().values()) {
                if (fixed.contains(announced.prefix())) {
                    continue;
                }
                Route candidate = new Route(announced.prefix(), peerId, announced.path(),
                        RouteSource.CCP);
                best.merge(announced.prefix(), candidate,
                        (a, b) -> better(a, b, settings) ? a : b);
            }
        }
        List<Route> out = new ArrayList<>(configured);
        out.addAll(best.values());
        return out;
    }

    /** True when {@code a} is preferred over {@code b} (same prefix, both learned). */
    static boolean better(Route a, Route b, CcpSettings settings) {
        if (a.path().size() != b.path().size()) {
            return a.path().size() < b.path().size();
        }
        int wa = settings.peer(a.nextHop()).weight();
        int wb = settings.peer(b.nextHop()).weight();
        if (wa != wb) {
            return wa > wb;
        }
        return a.nextHop().compareTo(b.nextHop()) < 0;
    }
}
