/**
 * BTP 2.0, the Bilateral Transfer Protocol (RFC 23), in canonical OER (RFC 30): Response,
 * Error, Message and Transfer frames with their protocol data, the GeneralizedTime of
 * {@code BtpError.triggeredAt}, and {@link dev.ilpconnector.codec.btp.BtpCodec}. The WebSocket
 * endpoint lives in connector-web and uses these values.
 *
 * <p>Plain Java: imports no jakarta.* and no MicroProfile; of this project it uses only
 * {@code dev.ilpconnector.Limits} and {@code codec.oer}.
 */
package dev.ilpconnector.codec.btp;
