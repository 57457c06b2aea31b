package dev.ilpconnector.codec.btp;

import java.util.List;

/**
 * A BTP 2.0 packet (RFC 23): type byte, request id (UInt32) and type-specific content ending
 * in protocol data. Responses and errors carry the request id of the request they answer.
 */
public sealed interface BtpPacket permits BtpResponse, BtpError, BtpMessage, BtpTransfer {

    /** RFC 23 type of Response. */
    int TYPE_RESPONSE = 1;
    /** RFC 23 type of Error. */
    int TYPE_ERROR = 2;
    /** RFC 23 type of Message. */
    int TYPE_MESSAGE = 6;
    /** RFC 23 type of Transfer. */
    int TYPE_TRANSFER = 7;

    /** The RFC 23 type byte. */
    int typeId();

    /** Unsigned 32-bit request id (0..4294967295). */
    long requestId();

    /** Immutable list of protocol data entries, names unique. */
    List<BtpProtocolData> protocolData();
}
