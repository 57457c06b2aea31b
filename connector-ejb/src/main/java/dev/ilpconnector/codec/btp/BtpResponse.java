package dev.ilpconnector.codec.btp;

import java.util.List;

/**
 * BTP Response (RFC 23, type 1): the successful answer to the request with the same id.
 *
 * @param requestId unsigned 32-bit id of the request answered
 * @param protocolData the answer's entries, e.g. {@code ilp} with a Fulfill or Reject
 */
public record BtpResponse(long requestId, List<BtpProtocolData> protocolData)
        implements BtpPacket {

    public BtpResponse {
        BtpChecks.requestId(requestId);
        protocolData = BtpChecks.protocolData(protocolData);
    }

    @Override
    public int typeId() {
        return TYPE_RESPONSE;
    }
}
