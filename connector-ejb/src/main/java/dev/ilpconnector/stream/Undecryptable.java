package dev.ilpconnector.stream;

import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpReject;

/**
 * A Prepare the receiver cannot read, so its answer carries no STREAM reply:
 * F02 Unreachable when the address holds no token sealed by this receiver (unknown or garbled
 * token: no such connection exists here, as for any address that does not route), F06
 * Unexpected Payment when the token is ours but the data does not decrypt or decode (the JS
 * library answers so too).
 */
public final class Undecryptable implements StreamPrepare {

    private final IlpReject reject;

    Undecryptable(IlpReject reject) {
        this.reject = reject;
    }

    /** F02 or F06, triggered by the receiver's base address, no data. */
    public IlpReject reject() {
        return reject;
    }

    public IlpErrorCode code() {
        return reject.code();
    }

    @Override
    public String toString() {
        return "Undecryptable[" + reject.code() + " " + reject.message() + "]";
    }
}
