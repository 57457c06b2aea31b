/**
 * BTP 2.0 (RFC 23) over WebSocket: the {@code /btp} server endpoint, the outgoing client links,
 * and the one frame handler both share ({@link dev.ilpconnector.web.btp.BtpSession}).
 *
 * <p>A session authenticates the peer (RFC 23 §Authentication), then carries ILP packets in the
 * {@code ilp} sub-protocol of BTP Messages and correlates Responses by requestId. Nothing here
 * blocks a WebSocket thread: frames are decoded and handed to the packet switch, answers go out
 * through the asynchronous remote endpoint.
 *
 * <p>Depends inward only (codec, packetswitch, peer, node); the switch never imports this package.
 */
package dev.ilpconnector.web.btp;
