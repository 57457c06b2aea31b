/**
 * Who the connector's peers are: their relation (RFC 10 / RFC 31 parent, peer, child), how their
 * BTP link is reached (RFC 23) and the per-peer limits the packet switch enforces.
 *
 * <p>Plain Java: imports no {@code jakarta.*} and nothing of the web, admin or chain adapters.
 */
package dev.ilpconnector.peer;
