package dev.ilpconnector.codec.ildcp;

import dev.ilpconnector.Limits;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPacket;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.oer.OerReader;
import dev.ilpconnector.codec.oer.OerWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * IL-DCP, the Interledger Dynamic Configuration Protocol (RFC 31). A child asks its parent
 * with an ILP Prepare to {@code peer.config} (amount 0, condition SHA-256 of 32 zero bytes);
 * the parent answers with a Fulfill whose fulfillment is 32 zero bytes and whose data is
 * VarIA5 clientAddress, UInt8 assetScale, VarUTF8 assetCode.
 */
public final class Ildcp {

    /** RFC 31: destination of IL-DCP requests. */
    public static final String DESTINATION = "peer.config";

    private static final IlpAddress DESTINATION_ADDRESS = IlpAddress.of(DESTINATION);
    private static final byte[] PEER_PROTOCOL_FULFILLMENT = new byte[Limits.CONDITION_BYTES];
    private static final byte[] PEER_PROTOCOL_CONDITION = sha256(PEER_PROTOCOL_FULFILLMENT);

    private Ildcp() {
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The fulfillment of peer protocols: 32 zero bytes (a copy). */
    public static byte[] peerProtocolFulfillment() {
        return PEER_PROTOCOL_FULFILLMENT.clone();
    }

    /** The condition of peer protocols: SHA-256 of 32 zero bytes (a copy). */
    public static byte[] peerProtocolCondition() {
        return PEER_PROTOCOL_CONDITION.clone();
    }

    /** True when the Prepare is addressed to {@code peer.config} (RFC 31 §Request). */
    public static boolean isRequest(IlpPrepare prepare) {
        return prepare.destination().equals(DESTINATION_ADDRESS);
    }

    /** An IL-DCP request: amount 0, the peer protocol condition, empty data. */
    public static IlpPrepare request(Instant expiresAt) {
        return request(expiresAt, new byte[0]);
    }

    /** An IL-DCP request with data (RFC 31 leaves the request data unused). */
    public static IlpPrepare request(Instant expiresAt, byte[] data) {
        return new IlpPrepare(0, expiresAt, PEER_PROTOCOL_CONDITION, DESTINATION_ADDRESS, data);
    }

    /**
     * Decodes an ILP packet that must be an unexpired IL-DCP request.
     *
     * @throws CodecException when not a Prepare to {@code peer.config} with the peer protocol
     *     condition, or when it expired at or before {@code now}
     */
    public static IlpPrepare decodeRequest(byte[] ilpPacket, Instant now) {
        IlpPrepare prepare = IlpCodec.decodePrepare(ilpPacket);
        if (!isRequest(prepare)) {
            throw new CodecException("not an IL-DCP request: destination "
                    + prepare.destination(), -1);
        }
        if (!MessageDigest.isEqual(prepare.executionCondition(), PEER_PROTOCOL_CONDITION)) {
            throw new CodecException("IL-DCP request with a wrong condition", -1);
        }
        if (!prepare.expiresAt().isAfter(now)) {
            throw new CodecException("IL-DCP request expired at " + prepare.expiresAt(), -1);
        }
        return prepare;
    }

    /** The parent's answer as an ILP Fulfill. */
    public static IlpFulfill fulfill(IldcpResponse response) {
        return new IlpFulfill(PEER_PROTOCOL_FULFILLMENT, encode(response));
    }

    /** RFC 31 response data: VarIA5 clientAddress, UInt8 assetScale, VarUTF8 assetCode. */
    public static byte[] encode(IldcpResponse response) {
        byte[] code = response.assetCode().getBytes(StandardCharsets.UTF_8);
        String address = response.clientAddress().value();
        int size = OerWriter.lengthPrefixSize(address.length()) + address.length() + 1
                + OerWriter.varOctetStringSize(code.length);
        return new OerWriter(size)
                .writeVarIa5String(address)
                .writeUInt8(response.assetScale())
                .writeVarOctetString(code)
                .toByteArray();
    }

    /** Decodes the response data of an IL-DCP Fulfill. */
    public static IldcpResponse decode(byte[] data) {
        OerReader in = new OerReader(data);
        int at = in.position();
        String address = in.varIa5String(Limits.ADDRESS_CHARS_MAX);
        String problem = IlpAddress.problem(address);
        if (problem != null) {
            throw new CodecException("bad clientAddress: " + problem, at);
        }
        int scale = in.uint8();
        String code = in.varUtf8String(Limits.ASSET_CODE_BYTES_MAX);
        in.requireEnd();
        return new IldcpResponse(IlpAddress.of(address), scale, code);
    }

    /** Decodes the Fulfill of an IL-DCP request; its fulfillment must be 32 zero bytes. */
    public static IldcpResponse decode(IlpFulfill fulfill) {
        if (!MessageDigest.isEqual(fulfill.fulfillment(), PEER_PROTOCOL_FULFILLMENT)) {
            throw new CodecException("IL-DCP fulfillment is not 32 zero bytes", -1);
        }
        return decode(fulfill.data());
    }

    /** Decodes an ILP packet that must be an IL-DCP Fulfill (a Reject is refused). */
    public static IldcpResponse decodeResponse(byte[] ilpPacket) {
        IlpResponse response = IlpCodec.decodeResponse(ilpPacket);
        if (response.typeId() != IlpPacket.TYPE_FULFILL) {
            throw new CodecException("IL-DCP answer is a Reject: " + response, 0);
        }
        return decode((IlpFulfill) response);
    }
}
