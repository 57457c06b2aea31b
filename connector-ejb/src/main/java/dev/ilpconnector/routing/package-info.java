/**
 * Routing table of the connector: which peer (next hop) a Prepare goes to, by longest
 * segment-aware prefix match on its destination address (RFC 27 §"Connector" forwarding,
 * RFC 15 addresses; routes learned later via CCP, the connector-to-connector protocol).
 *
 * <p>Read-mostly: every packet resolves a route, routes change rarely. The table is an
 * immutable snapshot swapped atomically on change (copy-on-write); lookups take no lock and
 * allocate nothing. Addresses are plain {@code String}s already validated by the codec, so
 * this package does not depend on {@code dev.ilpconnector.codec}.
 *
 * <p>Plain Java: must not import {@code jakarta.*}, MicroProfile, codec, web or adapter
 * packages.
 */
package dev.ilpconnector.routing;
