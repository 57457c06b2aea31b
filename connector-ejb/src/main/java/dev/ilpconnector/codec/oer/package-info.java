/**
 * Canonical OER (RFC 30, "Notes on OER Encoding") shared by the ILP, BTP and IL-DCP codecs:
 * {@link dev.ilpconnector.codec.oer.OerReader}, {@link dev.ilpconnector.codec.oer.OerWriter},
 * {@link dev.ilpconnector.codec.oer.UInt64} and the one decode failure,
 * {@link dev.ilpconnector.codec.oer.CodecException}.
 *
 * <p>Strict: canonical length determinants only, lengths checked against the bytes left and a
 * maximum before allocating, no trailing bytes. Plain Java: imports no jakarta.* and no
 * MicroProfile, nor any other package of this project.
 */
package dev.ilpconnector.codec.oer;
