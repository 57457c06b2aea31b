/**
 * Route exchange with neighbours over CCP (RFC 10): {@link RouteBroadcaster} asks each peer it
 * may learn from for route updates, applies them (relation rules, loops, epochs, expiry),
 * selects one route per prefix ({@link RouteSelection}) into the switch's
 * {@link dev.ilpconnector.routing.RoutingTable}, and tells the peers that asked what changed.
 *
 * <p>Plain Java: must not import {@code jakarta.*}, MicroProfile, web or adapter packages.
 * Time comes from a {@link java.time.Clock} and delays from {@link Timers}, so every rule is
 * unit-tested without threads or sleeps.
 */
package dev.ilpconnector.ccp;
