package dev.ilpconnector.agent.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.agent.callback.BusinessLogicClient;
import dev.ilpconnector.agent.callback.Transport;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.codec.stream.StreamFrame;
import dev.ilpconnector.codec.stream.StreamKeys;
import dev.ilpconnector.codec.stream.StreamPacket;
import dev.ilpconnector.config.AgentConfig;
import dev.ilpconnector.packetswitch.Rejects;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.stream.StreamCredentials;
import dev.ilpconnector.stream.StreamReceiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The agent's local delivery against the real STREAM receiver: what reaches the business logic
 * and what goes back, for paid packets, probes, foreign assets and undecryptable data.
 */
class AgentDeliveryTest {

    private static final IlpAddress BASE = IlpAddress.of("test.shop");
    private static final Rejects REJECTS = new Rejects(BASE);

    /** The business logic: records each body, answers with {@link #answer} (null: never). */
    private final List<String> calls = new ArrayList<>();
    private Transport.Answer answer = new Transport.Answer(200, "{\"accept\":true}");
    private final Transport transport = new Transport() {
        @Override
        public CompletionStage<Answer> handlePayment(String json) {
            calls.add(json);
            return answer == null ? new CompletableFuture<>()
                    : CompletableFuture.completedFuture(answer);
        }

        @Override
        public CompletionStage<Answer> paymentSetup(String json) {
            return CompletableFuture.completedFuture(answer);
        }

        @Override
        public CompletionStage<Answer> health() {
            return CompletableFuture.completedFuture(answer);
        }
    };
    private final StreamReceiver receiver = new StreamReceiver(new byte[32], Clock.systemUTC(),
            100, Duration.ofMinutes(5));
    private final PaymentSessions sessions = new PaymentSessions(100, Duration.ofMinutes(5),
            Clock.systemUTC());
    private AgentDelivery.Receiving receiving = new AgentDelivery.Receiving(BASE, REJECTS, null);
    private final AgentDelivery delivery = new AgentDelivery(receiver,
            new BusinessLogicClient(transport, Duration.ofSeconds(5)), sessions,
            new AgentConfig.Asset("XRP", 9), Duration.ofSeconds(30), () -> receiving,
            Clock.systemUTC());
    private final PeerConfig sender = peer("XRP", 9);

    private static PeerConfig peer(String code, int scale) {
        return new PeerConfig("sender", Relation.CHILD, Optional.empty(), Optional.of("t"),
                code, scale, -1L, -1_000_000, List.of());
    }

    /** A STREAM Prepare of the JS sender's shape: money on stream 1 and some data. */
    private static IlpPrepare prepare(StreamCredentials to, long amount, boolean rightCondition,
                                      Duration expiresIn) throws Exception {
        StreamKeys keys = StreamKeys.fromSharedSecret(to.sharedSecret());
        byte[] data = keys.seal(new StreamPacket(StreamPacket.ILP_PREPARE, 1, 0, List.of(
                new StreamFrame.StreamMoney(1, 1),
                new StreamFrame.StreamData(1, 0, "order 42".getBytes(StandardCharsets.UTF_8)))));
        byte[] condition = rightCondition
                ? MessageDigest.getInstance("SHA-256").digest(keys.fulfillment(data))
                : new byte[32];
        return new IlpPrepare(amount, Instant.now().plus(expiresIn), condition,
                to.destinationAccount(), data);
    }

    private IlpResponse deliver(PeerConfig from, IlpPrepare prepare) throws Exception {
        return delivery.deliver(from, prepare).get(5, TimeUnit.SECONDS);
    }

    private StreamCredentials connection(String paymentId) {
        return receiver.newConnection(BASE, paymentId, Optional.empty());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void aPaidPacketIsFulfilledOnceTheBusinessLogicAccepts() throws Exception {
        StreamCredentials to = connection("order-42");
        sessions.open("order-42", Json.createObjectBuilder().add("product", "p1").build());
        IlpPrepare prepare = prepare(to, 1500, true, Duration.ofSeconds(30));
        IlpFulfill fulfill = assertInstanceOf(IlpFulfill.class, deliver(sender, prepare));
        assertTrue(prepare.isFulfilledBy(fulfill));
        assertEquals(1, calls.size());
        JsonObject call = json(calls.get(0));
        assertEquals("order-42", call.getString("paymentId"));
        assertEquals("1500", call.getString("amount"));
        assertEquals(to.destinationAccount().value(), call.getString("destination"));
        assertEquals("order 42", new String(java.util.Base64.getDecoder()
                .decode(call.getString("data")), StandardCharsets.UTF_8));
        assertEquals("p1", call.getJsonObject("metadata").getString("product"));
    }

    @Test
    void theBusinessLogicsDataGoesBackToTheSenderInTheFulfill() throws Exception {
        StreamCredentials to = connection("order-43");
        StreamKeys keys = StreamKeys.fromSharedSecret(to.sharedSecret());
        List<StreamFrame> sent = new ArrayList<>();
        for (String reply : List.of("thanks", "again")) {
            answer = new Transport.Answer(200, "{\"accept\":true,\"data\":\""
                    + java.util.Base64.getEncoder().encodeToString(
                            reply.getBytes(StandardCharsets.UTF_8)) + "\"}");
            // the JS sender allows data on its streams with StreamMaxData in every Prepare
            byte[] data = keys.seal(new StreamPacket(StreamPacket.ILP_PREPARE, sent.size() + 1,
                    0, List.of(new StreamFrame.StreamMoney(1, 1),
                            new StreamFrame.StreamMaxData(1, 16_384))));
            IlpPrepare prepare = new IlpPrepare(100, Instant.now().plusSeconds(30),
                    MessageDigest.getInstance("SHA-256").digest(keys.fulfillment(data)),
                    to.destinationAccount(), data);
            IlpFulfill fulfill = assertInstanceOf(IlpFulfill.class, deliver(sender, prepare));
            sent.addAll(keys.open(fulfill.data()).frames().stream()
                    .filter(f -> f instanceof StreamFrame.StreamData).toList());
        }
        assertEquals(List.of(
                new StreamFrame.StreamData(1, 0, "thanks".getBytes(StandardCharsets.UTF_8)),
                new StreamFrame.StreamData(1, 6, "again".getBytes(StandardCharsets.UTF_8))),
                sent, "each reply at the stream's next offset");
    }

    @Test
    void probesAndWrongConditionsGetTheStreamReplyAndNoCall() throws Exception {
        IlpReject reject = assertInstanceOf(IlpReject.class, deliver(sender,
                prepare(connection("p"), 1000, false, Duration.ofSeconds(30))));
        assertEquals(IlpErrorCode.F99_APPLICATION_ERROR, reject.code());
        assertTrue(reject.data().length > 0, "the encrypted STREAM reply");
        assertTrue(calls.isEmpty());
    }

    @Test
    void aZeroAmountIsFulfilledWithoutACall() throws Exception {
        assertInstanceOf(IlpFulfill.class, deliver(sender,
                prepare(connection("p"), 0, true, Duration.ofSeconds(30))));
        assertTrue(calls.isEmpty());
    }

    @Test
    void aRefusalKeepsItsCodeAndCarriesTheStreamReply() throws Exception {
        answer = new Transport.Answer(200, "{\"accept\":false,\"rejectReason\":"
                + "{\"code\":\"insufficient_funds\",\"message\":\"later\"}}");
        IlpReject reject = assertInstanceOf(IlpReject.class, deliver(sender,
                prepare(connection("p"), 1000, true, Duration.ofSeconds(30))));
        assertEquals(IlpErrorCode.T04_INSUFFICIENT_LIQUIDITY, reject.code());
        assertEquals("later", reject.message());
        assertTrue(reject.data().length > 0);
    }

    @Test
    void noAnswerBeforeTheExpiryMarginIsT00() throws Exception {
        answer = null;
        long start = System.nanoTime();
        IlpReject reject = assertInstanceOf(IlpReject.class, deliver(sender,
                prepare(connection("p"), 1000, true, Duration.ofMillis(800))));
        assertEquals(IlpErrorCode.T00_INTERNAL_ERROR, reject.code());
        assertTrue(reject.message().startsWith("business logic did not answer within"),
                reject.message());
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(700),
                "answered 500 ms before the expiry at the latest");
    }

    @Test
    void amountsAreConvertedToTheAgentsScaleLikeAForward() throws Exception {
        PeerConfig milli = peer("XRP", 12);
        assertInstanceOf(IlpFulfill.class, deliver(milli,
                prepare(connection("p"), 1_999, true, Duration.ofSeconds(30))));
        assertEquals("1", json(calls.get(0)).getString("amount"), "rounded down");
        IlpReject zero = assertInstanceOf(IlpReject.class, deliver(milli,
                prepare(connection("p"), 999, true, Duration.ofSeconds(30))));
        assertEquals(IlpErrorCode.R01_INSUFFICIENT_SOURCE_AMOUNT, zero.code());
        IlpReject otherAsset = assertInstanceOf(IlpReject.class, deliver(peer("USD", 9),
                prepare(connection("p"), 1000, true, Duration.ofSeconds(30))));
        assertEquals(IlpErrorCode.F02_UNREACHABLE, otherAsset.code());
        assertEquals(1, calls.size());
    }

    @Test
    void whatTheReceiverCannotReadIsRefusedWithoutACall() throws Exception {
        StreamCredentials to = connection("p");
        IlpPrepare good = prepare(to, 1000, true, Duration.ofSeconds(30));
        byte[] garbled = good.data();
        garbled[garbled.length - 1] ^= 1;
        IlpReject broken = assertInstanceOf(IlpReject.class, deliver(sender, new IlpPrepare(
                1000, good.expiresAt(), good.executionCondition(), to.destinationAccount(),
                garbled)));
        assertEquals(IlpErrorCode.F06_UNEXPECTED_PAYMENT, broken.code());
        IlpReject unknown = assertInstanceOf(IlpReject.class, deliver(sender, new IlpPrepare(
                1000, good.expiresAt(), good.executionCondition(), BASE.with("nosuchtoken"),
                good.data())));
        assertEquals(IlpErrorCode.F02_UNREACHABLE, unknown.code());
        assertTrue(calls.isEmpty());
    }

    @Test
    void anAgentThatIsOffReceivesNothing() throws Exception {
        StreamCredentials to = connection("p");
        receiving = new AgentDelivery.Receiving(null, REJECTS, "agent off: base.address ...");
        IlpReject reject = assertInstanceOf(IlpReject.class, deliver(sender,
                prepare(to, 1000, true, Duration.ofSeconds(30))));
        assertEquals(IlpErrorCode.F02_UNREACHABLE, reject.code());
        assertTrue(calls.isEmpty());
    }
}
