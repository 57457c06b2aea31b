package dev.ilpconnector.bench.load;

import dev.ilpconnector.codec.stream.StreamCrypto;
import dev.ilpconnector.codec.stream.StreamFrame;
import dev.ilpconnector.codec.stream.StreamKeys;
import dev.ilpconnector.codec.stream.StreamPacket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prepares of one STREAM sender (RFC 29) on one connection set up by SPSP (RFC 9): each
 * carries an encrypted STREAM Prepare packet with its own sequence number and one StreamMoney
 * frame on stream 1 (all the money to that stream), and the condition SHA-256(HMAC-SHA256(
 * fulfillment key, data)) the receiver can fulfil. Any number may be in flight at once: the
 * receiver answers each on its own. The codec and keys are the connector's own
 * ({@code dev.ilpconnector.codec.stream}, checked byte-exact against the JS library's vectors).
 */
final class StreamPackets implements Generator.Packets {

    static final String SPSP_MEDIA_TYPE = "application/spsp4+json";
    private static final long STREAM_ID = 1;
    private static final Pattern DESTINATION =
            Pattern.compile("\"destination_account\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SECRET =
            Pattern.compile("\"shared_secret\"\\s*:\\s*\"([^\"]+)\"");

    private final String destination;
    private final StreamKeys keys;

    private StreamPackets(String destination, byte[] sharedSecret) {
        this.destination = destination;
        this.keys = StreamKeys.fromSharedSecret(sharedSecret);
    }

    /** Asks the SPSP server at {@code url} for a new connection (RFC 9 §Query). */
    static StreamPackets fromSpsp(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", SPSP_MEDIA_TYPE).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("SPSP " + url + " answered HTTP "
                    + answer.statusCode() + ": " + answer.body());
        }
        Matcher destination = DESTINATION.matcher(answer.body());
        Matcher secret = SECRET.matcher(answer.body());
        if (!destination.find() || !secret.find()) {
            throw new IllegalStateException("SPSP answer without destination_account or"
                    + " shared_secret: " + answer.body());
        }
        return new StreamPackets(destination.group(1),
                Base64.getDecoder().decode(secret.group(1)));
    }

    /** The connection's ILP address, where every Prepare goes. */
    String destination() {
        return destination;
    }

    @Override
    public Generator.Packet next(long n) {
        byte[] data = keys.seal(new StreamPacket(StreamPacket.ILP_PREPARE, n, 0,
                List.of(new StreamFrame.StreamMoney(STREAM_ID, 1))));
        return new Generator.Packet(StreamCrypto.sha256(keys.fulfillment(data)), data);
    }
}
