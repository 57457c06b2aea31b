/**
 * CCP, the Connector-to-Connector Protocol (RFC 10, as spoken by the reference
 * {@code ilp-protocol-ccp}): the route control request a connector sends to ask a peer for
 * route updates ({@code peer.route.control}), the route update that carries new and withdrawn
 * routes between two epochs of the speaker's routing table ({@code peer.route.update}), and the
 * empty Fulfill that acknowledges both. Built on {@code codec.ilp} (each message is a Prepare).
 *
 * <p>Plain Java: imports no jakarta.* and no MicroProfile.
 */
package dev.ilpconnector.codec.ccp;
