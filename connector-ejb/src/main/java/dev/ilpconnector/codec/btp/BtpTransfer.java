package dev.ilpconnector.codec.btp;

import dev.ilpconnector.codec.oer.UInt64;
import java.util.List;

/**
 * BTP Transfer (RFC 23, type 7): an unconditional transfer of {@code amount} (UInt64, unsigned
 * bits in a long) plus protocol data, e.g. a settlement claim.
 *
 * @param requestId unsigned 32-bit id, unique per request
 * @param amount unsigned 64-bit amount
 * @param protocolData side protocol entries
 */
public record BtpTransfer(long requestId, long amount, List<BtpProtocolData> protocolData)
        implements BtpPacket {

    public BtpTransfer {
        BtpChecks.requestId(requestId);
        protocolData = BtpChecks.protocolData(protocolData);
    }

    @Override
    public int typeId() {
        return TYPE_TRANSFER;
    }

    @Override
    public String toString() {
        return "BtpTransfer[requestId=" + requestId + ", amount=" + UInt64.format(amount)
                + ", protocolData=" + protocolData + "]";
    }
}
