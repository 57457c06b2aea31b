package dev.ilpconnector.stream;

import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.stream.StreamCrypto;
import dev.ilpconnector.codec.stream.StreamFrame;
import dev.ilpconnector.codec.stream.StreamKeys;
import dev.ilpconnector.codec.stream.StreamPacket;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

/** Test helper: builds the Prepares a STREAM sender would send on a connection. */
final class StreamSender {

    private static final SecureRandom RANDOM = new SecureRandom();

    final StreamKeys keys;
    final IlpAddress destination;
    private long sequence;

    StreamSender(StreamCredentials credentials) {
        this.keys = StreamKeys.fromSharedSecret(credentials.sharedSecret());
        this.destination = credentials.destinationAccount();
    }

    /** A fulfillable Prepare (the condition is the connection's). */
    IlpPrepare pay(long amount, long prepareAmount, StreamFrame... frames) {
        byte[] data = keys.seal(new StreamPacket(StreamPacket.ILP_PREPARE, ++sequence,
                prepareAmount, List.of(frames)));
        byte[] condition = StreamCrypto.sha256(keys.fulfillment(data));
        return new IlpPrepare(amount, Instant.parse("2099-01-01T00:00:00Z"), condition,
                destination, data);
    }

    /** A Prepare with a random condition, as senders probe and close with. */
    IlpPrepare probe(long amount, StreamFrame... frames) {
        byte[] data = keys.seal(new StreamPacket(StreamPacket.ILP_PREPARE, ++sequence, 0,
                List.of(frames)));
        byte[] condition = new byte[32];
        RANDOM.nextBytes(condition);
        return new IlpPrepare(amount, Instant.parse("2099-01-01T00:00:00Z"), condition,
                destination, data);
    }
}
