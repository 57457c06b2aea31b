/**
 * ILPv4 packets (RFC 27) in canonical OER (RFC 30) with RFC 15 addresses:
 * {@link dev.ilpconnector.codec.ilp.IlpPrepare}, {@link dev.ilpconnector.codec.ilp.IlpFulfill},
 * {@link dev.ilpconnector.codec.ilp.IlpReject}, their codec
 * {@link dev.ilpconnector.codec.ilp.IlpCodec}, error codes, the 17-digit timestamp and F08 data.
 *
 * <p>Plain Java on the hot path: imports no jakarta.* and no MicroProfile; of this project it
 * uses only {@code dev.ilpconnector.Limits} and {@code codec.oer}.
 */
package dev.ilpconnector.codec.ilp;
