package dev.ilpconnector.stream;

import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.stream.StreamPacket;

/**
 * A readable Prepare the receiver must not fulfil, answered without asking anyone: F99 with
 * the encrypted STREAM reply (receive max, asset, amount arrived) for a probe or a wrong
 * condition, a Prepare below its prepare amount, money without StreamMoney frames or too
 * many streams (RFC 29 §5.2, the sender learns from the reply); T03 when the receiver's
 * connection table is full.
 */
public final class Unfulfillable implements StreamPrepare {

    private final String connectionId;
    private final StreamPacket request;
    private final IlpReject reject;

    Unfulfillable(String connectionId, StreamPacket request, IlpReject reject) {
        this.connectionId = connectionId;
        this.request = request;
        this.reject = reject;
    }

    /** The reject to send back, its data the encrypted STREAM reply. */
    public IlpReject reject() {
        return reject;
    }

    public IlpErrorCode code() {
        return reject.code();
    }

    public String connectionId() {
        return connectionId;
    }

    /** The decrypted STREAM packet of the Prepare. */
    public StreamPacket request() {
        return request;
    }

    @Override
    public String toString() {
        return "Unfulfillable[" + reject.code() + " " + reject.message() + "]";
    }
}
