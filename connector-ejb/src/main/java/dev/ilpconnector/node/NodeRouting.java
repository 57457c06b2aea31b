package dev.ilpconnector.node;

import dev.ilpconnector.ccp.RouteBroadcaster;
import dev.ilpconnector.routing.Route;
import dev.ilpconnector.routing.RoutingTable;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.List;

/**
 * The node's routing as an EJB singleton, for the admin API and health checks: the routing
 * table and the CCP speaker that writes it. The switch reads the same table through the
 * assembly, never through this bean.
 */
@Singleton
@Startup
@DependsOn("ConnectorNode")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NodeRouting {

    @EJB
    private ConnectorNode node;

    private NodeAssembly assembly;

    @PostConstruct
    void start() {
        assembly = node.assembly();
    }

    /** The routing table the switch resolves every packet against (lock-free snapshot). */
    public RoutingTable routes() {
        return assembly.routes();
    }

    /** The current routes, and the epoch of the table they form. */
    public List<Route> table() {
        return assembly.routes().routes();
    }

    /** Resolves {@code destination} by longest prefix; null when no route matches. */
    public Route resolve(String destination) {
        return assembly.routes().resolve(destination);
    }

    /** The CCP speaker and receiver (RFC 10): epochs, peers' exchange status. */
    public RouteBroadcaster routeBroadcaster() {
        return assembly.routeBroadcaster();
    }
}
