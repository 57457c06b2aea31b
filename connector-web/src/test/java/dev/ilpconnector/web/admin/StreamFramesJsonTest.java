package dev.ilpconnector.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.stream.StreamFrame;
import dev.ilpconnector.codec.stream.StreamKeys;
import dev.ilpconnector.codec.stream.StreamPacket;
import dev.ilpconnector.stream.StreamCredentials;
import dev.ilpconnector.stream.StreamReceiver;
import dev.ilpconnector.telemetry.Asset;
import dev.ilpconnector.telemetry.LoggedPacket;
import dev.ilpconnector.telemetry.PacketEvent;
import dev.ilpconnector.telemetry.StreamView;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The explorer's STREAM view against the project's receiver: a sender's Prepare, sealed with
 * the shared secret the receiver issued, is opened by the receiver (its keys stay there) and
 * listed frame by frame.
 */
class StreamFramesJsonTest {

    private static final IlpAddress BASE = IlpAddress.of("test.node.agent");

    private final StreamReceiver receiver = new StreamReceiver(new byte[32],
            Clock.systemUTC(), 10, Duration.ofMinutes(5));
    private final StreamView view = (p, r) -> receiver.decrypt(p, r, BASE)
            .map(x -> new StreamView.Packets(x.request(), x.reply()));

    @Test
    void aReceivedStreamPacketListsItsFrames() throws Exception {
        StreamCredentials credentials = receiver.newConnection(BASE, "pay-1", Optional.empty());
        StreamKeys keys = StreamKeys.fromSharedSecret(credentials.sharedSecret());
        byte[] data = keys.seal(new StreamPacket(StreamPacket.ILP_PREPARE, 1, 100, List.of(
                new StreamFrame.StreamMoney(1, 1),
                new StreamFrame.StreamData(1, 0, "hello".getBytes(StandardCharsets.UTF_8)))));
        byte[] condition = MessageDigest.getInstance("SHA-256")
                .digest(keys.fulfillment(data));
        LoggedPacket logged = logged(new IlpPrepare(100, Instant.now().plusSeconds(30),
                condition, credentials.destinationAccount(), data));

        StreamFramesJson.Result r = StreamFramesJson.result(logged, view);
        assertEquals(200, r.status(), r.body().toString());
        JsonArray frames = r.body().getJsonArray("frames");
        JsonObject money = frames.getJsonObject(0);
        assertEquals("StreamMoney", money.getString("type"));
        assertEquals(1, money.getInt("streamId"));
        assertEquals("1", money.getString("shares"));
        JsonObject text = frames.getJsonObject(1);
        assertEquals("StreamData", text.getString("type"));
        assertEquals("0", text.getString("offset"));
        assertEquals("hello", text.getString("text"));
        assertEquals("68656c6c6f", text.getString("hex"));
    }

    @Test
    void otherPacketsAndAMissingReceiverAnswer404() {
        LoggedPacket other = logged(new IlpPrepare(1, Instant.now().plusSeconds(30),
                new byte[32], IlpAddress.of("test.node.bob"), new byte[] {1, 2, 3}));
        assertEquals(404, StreamFramesJson.result(other, view).status());
        assertEquals(404, StreamFramesJson.result(other, null).status());
        assertEquals(404, StreamFramesJson.result(null, view).status());
    }

    private static LoggedPacket logged(IlpPrepare prepare) {
        return LoggedPacket.of(new PacketEvent(1, Instant.now(), "alice", null, prepare, prepare,
                IlpReject.of(IlpErrorCode.F99_APPLICATION_ERROR, BASE, "no"), 1, 2, 3),
                new Asset("XRP", 9));
    }
}
