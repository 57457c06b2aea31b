package dev.ilpconnector.routing;

/** Where a route came from. */
public enum RouteSource {
    /** Configured by the operator ({@code peer.<id>.routes}, admin API). */
    STATIC,
    /** The node's own address space and its children (ILDCP-assigned addresses). */
    LOCAL,
    /** Learned from a peer through the Connector-to-Connector Protocol (route updates). */
    CCP
}
