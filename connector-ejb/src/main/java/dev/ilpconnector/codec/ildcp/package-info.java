/**
 * IL-DCP, the Interledger Dynamic Configuration Protocol (RFC 31): the {@code peer.config}
 * request a child sends its parent and the response carrying the child's address and asset.
 * Built on {@code codec.ilp} (an IL-DCP exchange is a Prepare and a Fulfill).
 *
 * <p>Plain Java: imports no jakarta.* and no MicroProfile.
 */
package dev.ilpconnector.codec.ildcp;
