/**
 * STREAM (RFC 29), the Interledger transport protocol, and STREAM receipts (RFC 39): the
 * frames ({@link dev.ilpconnector.codec.stream.StreamFrame}), the packet and its OER codec
 * ({@link dev.ilpconnector.codec.stream.StreamPacket},
 * {@link dev.ilpconnector.codec.stream.StreamCodec}), the keys, AES-256-GCM sealing and
 * fulfillments of a connection ({@link dev.ilpconnector.codec.stream.StreamKeys},
 * {@link dev.ilpconnector.codec.stream.StreamCrypto}) and receipts
 * ({@link dev.ilpconnector.codec.stream.Receipt}). Byte layouts follow the JS reference
 * library {@code ilp-protocol-stream} 2.7.1 where RFC and library differ (the receipt's
 * one-byte stream id, zero padding after the frames).
 *
 * <p>Plain Java with JDK crypto: imports no jakarta.* and no MicroProfile; of this project
 * it uses only {@code dev.ilpconnector.Limits} and {@code codec.oer}. Bad input from a peer
 * throws {@link dev.ilpconnector.codec.oer.CodecException}, nothing else.
 */
package dev.ilpconnector.codec.stream;
