/**
 * The admin REST API under {@code /admin} (JAX-RS, JSON-P): peers with balances, routes, and a
 * packet decoder. Every request needs {@code Authorization: Bearer <ADMIN_API_TOKEN>}.
 *
 * <p>{@link dev.ilpconnector.web.admin.PacketJson} maps ILP (RFC 27) and BTP (RFC 23) packets to
 * JSON with the field names of the shared test vectors; it uses JSON-P only, so it runs without a
 * server. Imports the node and the codecs; nothing inside the node imports this package.
 */
package dev.ilpconnector.web.admin;
