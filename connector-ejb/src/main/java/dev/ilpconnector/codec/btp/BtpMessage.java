package dev.ilpconnector.codec.btp;

import java.util.List;

/**
 * BTP Message (RFC 23, type 6): a request carrying protocol data, e.g. auth or an ILP Prepare.
 *
 * @param requestId unsigned 32-bit id, unique per request
 * @param protocolData the entries; the first one decides the response (RFC 23)
 */
public record BtpMessage(long requestId, List<BtpProtocolData> protocolData)
        implements BtpPacket {

    public BtpMessage {
        BtpChecks.requestId(requestId);
        protocolData = BtpChecks.protocolData(protocolData);
    }

    @Override
    public int typeId() {
        return TYPE_MESSAGE;
    }
}
