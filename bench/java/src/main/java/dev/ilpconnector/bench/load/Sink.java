package dev.ilpconnector.bench.load;

import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiving end: one BTP connection that fulfills every Prepare it is sent with the one
 * fulfillment the generator's condition hashes from, and acknowledges any other Message.
 */
final class Sink {

    private final byte[] fulfillIlp;
    private final AtomicLong fulfilled = new AtomicLong();
    private volatile Connection connection;

    Sink(byte[] fulfillment) {
        this.fulfillIlp = Frames.fulfill(fulfillment);
    }

    void open(String url) throws Exception {
        connection = Connection.open(HttpClient.newHttpClient(), url, this::onFrame);
    }

    private void onFrame(Frames.Incoming in) {
        if (in.type() != Frames.BTP_MESSAGE) {
            return; // answers to nothing we asked
        }
        if (in.ilpType() == Frames.ILP_PREPARE) {
            connection.send(Frames.btpIlp(Frames.BTP_RESPONSE, in.requestId(), fulfillIlp));
            fulfilled.incrementAndGet();
        } else {
            connection.send(Frames.btpIlp(Frames.BTP_RESPONSE, in.requestId(), new byte[0]));
        }
    }

    Connection connection() {
        return connection;
    }

    long fulfilled() {
        return fulfilled.get();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
