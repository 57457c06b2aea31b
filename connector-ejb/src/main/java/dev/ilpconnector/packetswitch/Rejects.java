package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.ilp.AmountTooLargeData;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpReject;

/**
 * The one place that builds the rejects this node originates: {@code triggeredBy} is always our
 * own address (RFC 27 §Reject), and F08 always carries its amounts. Rejects from further along
 * the path are relayed unchanged and never pass through here.
 */
public final class Rejects {

    private static final byte[] NO_DATA = new byte[0];

    private final String triggeredBy;

    public Rejects(IlpAddress self) {
        this(self.value());
    }

    private Rejects(String triggeredBy) {
        this.triggeredBy = triggeredBy;
    }

    /**
     * The rejects of a node that has no address yet (it waits for its parent's IL-DCP answer):
     * {@code triggeredBy} is empty, which the reference library accepts too.
     */
    public static Rejects anonymous() {
        return new Rejects("");
    }

    public IlpReject reject(IlpErrorCode code, String message) {
        return new IlpReject(code, triggeredBy, message, NO_DATA);
    }

    /** RFC 27 §F08: the data holds the amount received and the maximum we accept. */
    public IlpReject amountTooLarge(long receivedAmount, long maximumAmount) {
        byte[] data = new AmountTooLargeData(receivedAmount, maximumAmount).encode();
        return new IlpReject(IlpErrorCode.F08_AMOUNT_TOO_LARGE, triggeredBy,
                "packet amount exceeds the maximum", data);
    }
}
