package dev.ilpconnector.codec.btp;

import dev.ilpconnector.Limits;
import java.util.List;

/** Validation shared by the BTP values (RFC 23). */
final class BtpChecks {

    private BtpChecks() {
    }

    static void requestId(long requestId) {
        // RFC 23: requestId is UInt32
        if (requestId < 0 || requestId > 0xffff_ffffL) {
            throw new IllegalArgumentException("requestId must be 0..4294967295");
        }
    }

    /** An immutable copy of {@code entries}, checked for count and unique names. */
    static List<BtpProtocolData> protocolData(List<BtpProtocolData> entries) {
        List<BtpProtocolData> copy = List.copyOf(entries);
        String problem = protocolDataProblem(copy);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return copy;
    }

    /**
     * Null when the list is acceptable. RFC 23 (BilateralTransferProtocol.asn): "each with a
     * unique protocolName"; the count bound is ours (Limits.PROTOCOL_DATA_ENTRIES_MAX).
     */
    static String protocolDataProblem(List<BtpProtocolData> entries) {
        if (entries.size() > Limits.PROTOCOL_DATA_ENTRIES_MAX) {
            return "more than " + Limits.PROTOCOL_DATA_ENTRIES_MAX + " protocol data entries";
        }
        for (int i = 1; i < entries.size(); i++) {
            String name = entries.get(i).protocolName();
            for (int j = 0; j < i; j++) {
                if (entries.get(j).protocolName().equals(name)) {
                    return "duplicate protocolName " + name;
                }
            }
        }
        return null;
    }
}
