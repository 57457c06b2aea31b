package dev.ilpconnector.stream;

import static dev.ilpconnector.codec.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.Vectors;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.oer.UInt64;
import dev.ilpconnector.codec.stream.FixedRandom;
import dev.ilpconnector.codec.stream.Receipt;
import dev.ilpconnector.codec.stream.StreamCrypto;
import dev.ilpconnector.codec.stream.StreamErrorCode;
import dev.ilpconnector.codec.stream.StreamFrame;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionAssetDetails;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionNewAddress;
import dev.ilpconnector.codec.stream.StreamFrame.StreamData;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMaxData;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMaxMoney;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMoney;
import dev.ilpconnector.codec.stream.StreamFrame.StreamReceipt;
import dev.ilpconnector.codec.stream.StreamPacket;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The receiver core: what each kind of Prepare gets back, receipts, limits, restarts. */
class StreamReceiverTest {

    private static final IlpAddress BASE = IlpAddress.of("test.node.agent");
    private static final ReceiverAsset ASSET = new ReceiverAsset("USD", 6);
    private static final byte[] SECRET = new byte[32];
    private static final byte[] RECEIPT_NONCE = hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] RECEIPT_SECRET = hex("42".repeat(32));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T00:00:00Z"));
    private final StreamReceiver receiver =
            new StreamReceiver(SECRET, clock, 100, Duration.ofHours(1));

    private StreamSender connect(String paymentId, boolean receipts) {
        return new StreamSender(receiver.newConnection(BASE, paymentId, receipts
                ? Optional.of(new ReceiptRequest(RECEIPT_NONCE, RECEIPT_SECRET))
                : Optional.empty()));
    }

    @Test
    void tokenMatchesTheJsServerVector() {
        JsonObject v = vector("server_generate_address_and_secret");
        JsonObject f = v.getJsonObject("fields");
        byte[] serverSecret = hex(f.getString("serverSecret"));
        byte[] token = ConnectionToken.seal(serverSecret, "", Optional.empty(),
                new FixedRandom(f.getString("tokenNonce") + f.getString("iv")));
        assertEquals(v.getString("hex"), hex(token));
        JsonObject derived = v.getJsonObject("derived");
        assertEquals(derived.getString("destinationAccount"),
                f.getString("serverAccount") + "." + ConnectionToken.text(token));
        StreamReceiver js = new StreamReceiver(serverSecret, clock, 10, Duration.ofHours(1));
        assertEquals(derived.getString("sharedSecret"), hex(js.sharedSecret(token)));
    }

    @Test
    void readsTheReceiptRequestInTheJsServersSpspToken() {
        JsonObject body = vector("spsp4_response_with_receipts").getJsonObject("fields")
                .getJsonObject("body");
        String destination = body.getString("destination_account");
        String token = destination.substring(destination.lastIndexOf('.') + 1);
        byte[] serverSecret = hex("07".repeat(32));
        ConnectionToken.Contents contents =
                ConnectionToken.open(serverSecret, ConnectionToken.bytes(token));
        assertTrue(contents.receipt().isPresent());
        StreamReceiver js = new StreamReceiver(serverSecret, clock, 10, Duration.ofHours(1));
        assertEquals(body.getString("shared_secret"), Base64.getEncoder().encodeToString(
                js.sharedSecret(ConnectionToken.bytes(token))));
    }

    @Test
    void newConnectionIsUnderTheBaseWithA32ByteSecret() {
        StreamCredentials c = receiver.newConnection(BASE, "pay-1", Optional.empty());
        assertTrue(c.destinationAccount().startsWith(BASE));
        // IV 12 + tag 16 + nonce 18 + "pay-1" 6 + two empty receipt fields 2 = 54 bytes
        assertEquals(BASE.value().length() + 1 + 72, c.destinationAccount().value().length());
        assertEquals(32, c.sharedSecret().length);
        StreamCredentials other = receiver.newConnection(BASE, "pay-1", Optional.empty());
        assertFalse(c.destinationAccount().equals(other.destinationAccount()));
        assertFalse(c.toString().contains(hex(c.sharedSecret())));
        assertThrows(IllegalArgumentException.class,
                () -> receiver.newConnection(BASE, "", Optional.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> receiver.newConnection(BASE, "x".repeat(129), Optional.empty()));
    }

    @Test
    void probeGetsF99WithAssetAndAmountArrived() {
        StreamSender sender = connect("pay-1", false);
        IlpPrepare probe = sender.probe(1000, new ConnectionNewAddress("test.sender"),
                new ConnectionAssetDetails("XRP", 9), new StreamMoney(1, 1));
        Unfulfillable u = assertInstanceOf(Unfulfillable.class,
                receiver.open(probe, BASE, ASSET));
        IlpReject reject = u.reject();
        assertEquals(IlpErrorCode.F99_APPLICATION_ERROR, reject.code());
        assertEquals(BASE.value(), reject.triggeredBy());
        StreamPacket reply = sender.keys.open(reject.data());
        assertEquals(StreamPacket.ILP_REJECT, reply.ilpPacketType());
        assertEquals(1, reply.sequence());
        assertEquals(1000, reply.prepareAmount());
        assertEquals(List.of(new ConnectionAssetDetails("USD", 6),
                new StreamMaxMoney(1, UInt64.MAX, 0)), reply.frames());
    }

    @Test
    void paymentIsFulfilledWithGrowingReceipts() {
        StreamSender sender = connect("pay-2", true);
        IlpPrepare first = sender.pay(1000, 900, new StreamMoney(1, 1));
        Payable p = assertInstanceOf(Payable.class, receiver.open(first, BASE, ASSET));
        assertEquals("pay-2", p.paymentId());
        assertEquals(1000, p.amount());
        assertEquals(first.destination().value(), BASE.value() + "." + p.connectionId());
        IlpFulfill fulfill = p.fulfill();
        assertTrue(first.isFulfilledBy(fulfill));
        assertEquals(1000, receiptTotal(sender.keys.open(fulfill.data()), 1));
        assertThrows(IllegalStateException.class, p::fulfill);
        assertThrows(IllegalStateException.class,
                () -> p.reject(IlpErrorCode.T04_INSUFFICIENT_LIQUIDITY, "late"));

        Payable declined = (Payable) receiver.open(sender.pay(500, 0, new StreamMoney(1, 1)),
                BASE, ASSET);
        IlpReject reject = declined.reject(IlpErrorCode.T04_INSUFFICIENT_LIQUIDITY, "no funds");
        assertEquals(IlpErrorCode.T04_INSUFFICIENT_LIQUIDITY, reject.code());
        StreamPacket rejected = sender.keys.open(reject.data());
        assertTrue(rejected.frames().contains(new StreamMaxMoney(1, UInt64.MAX, 1000)));

        Payable second = (Payable) receiver.open(sender.pay(250, 0, new StreamMoney(1, 1)),
                BASE, ASSET);
        StreamPacket reply = sender.keys.open(second.fulfill().data());
        assertEquals(StreamPacket.ILP_FULFILL, reply.ilpPacketType());
        assertEquals(250, reply.prepareAmount());
        assertEquals(1250, receiptTotal(reply, 1));
        assertTrue(reply.frames().contains(new StreamMaxMoney(1, UInt64.MAX, 1250)));
    }

    private static long receiptTotal(StreamPacket reply, long streamId) {
        StreamReceipt frame = reply.frames().stream()
                .filter(f -> f instanceof StreamReceipt r && r.streamId() == streamId)
                .map(StreamReceipt.class::cast).findFirst().orElseThrow();
        Receipt receipt = Receipt.verify(frame.receipt(), RECEIPT_SECRET);
        assertArrayEquals(RECEIPT_NONCE, receipt.nonce());
        return receipt.totalReceived();
    }

    @Test
    void moneyIsSplitByShareWithNothingLost() {
        StreamSender sender = connect("pay-3", true);
        Payable p = (Payable) receiver.open(sender.pay(1001, 0, new StreamMoney(1, 3),
                new StreamMoney(3, 1)), BASE, ASSET);
        StreamPacket reply = sender.keys.open(p.fulfill().data());
        assertEquals(750, receiptTotal(reply, 1));
        assertEquals(251, receiptTotal(reply, 3));
    }

    @Test
    void streamDataIsHandedOnAndTheWindowMoves() {
        StreamSender sender = connect("pay-4", false);
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        Payable p = (Payable) receiver.open(sender.pay(10, 0, new StreamMoney(1, 1),
                new StreamData(1, 0, hello), new StreamData(1, 5, hello)), BASE, ASSET);
        assertEquals("hellohello", new String(p.streamData(), StandardCharsets.UTF_8));
        StreamPacket reply = sender.keys.open(p.fulfill().data());
        assertTrue(reply.frames().contains(new StreamMaxData(1, 10 + 65_536)));
    }

    @Test
    void replyDataGoesOnThePayingStreamWithinTheSendersWindow() {
        StreamSender sender = connect("pay-4b", false);
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        Payable first = (Payable) receiver.open(sender.pay(10, 0, new StreamMoney(1, 1),
                new StreamMaxData(1, 8)), BASE, ASSET);
        assertTrue(sender.keys.open(first.fulfill(hello).data()).frames()
                .contains(new StreamData(1, 0, hello)));
        // 5 more bytes would pass offset 8: the money is fulfilled, the data left out
        Payable second = (Payable) receiver.open(sender.pay(10, 0, new StreamMoney(1, 1),
                new StreamMaxData(1, 8)), BASE, ASSET);
        IlpFulfill fulfill = second.fulfill(hello);
        assertTrue(sender.keys.open(fulfill.data()).frames().stream()
                .noneMatch(f -> f instanceof StreamData));
        Payable third = (Payable) receiver.open(sender.pay(10, 0, new StreamMoney(1, 1),
                new StreamMaxData(1, 100)), BASE, ASSET);
        assertTrue(sender.keys.open(third.fulfill(hello).data()).frames()
                .contains(new StreamData(1, 5, hello)), "the next offset after what was sent");
        // a sender that never allowed data gets none
        StreamSender quiet = connect("pay-4c", false);
        Payable silent = (Payable) receiver.open(quiet.pay(10, 0, new StreamMoney(1, 1)),
                BASE, ASSET);
        assertTrue(quiet.keys.open(silent.fulfill(hello).data()).frames().stream()
                .noneMatch(f -> f instanceof StreamData));
        assertThrows(IllegalArgumentException.class, () -> ((Payable) receiver.open(
                sender.pay(10, 0, new StreamMoney(1, 1)), BASE, ASSET))
                .fulfill(new byte[Payable.REPLY_DATA_MAX + 1]));
    }

    @Test
    void zeroAmountWithTheRightConditionIsPayableWithoutMoney() {
        StreamSender sender = connect("pay-5", true);
        Payable p = (Payable) receiver.open(sender.pay(0, 0, new StreamData(1, 0,
                new byte[] {1})), BASE, ASSET);
        assertEquals(0, p.amount());
        StreamPacket reply = sender.keys.open(p.fulfill().data());
        assertTrue(reply.frames().stream().noneMatch(f -> f instanceof StreamReceipt));
    }

    @Test
    void unfulfillableCases() {
        StreamSender sender = connect("pay-6", false);
        // below the sender's own minimum (RFC 29 prepare amount)
        assertF99(receiver.open(sender.pay(99, 100, new StreamMoney(1, 1)), BASE, ASSET));
        // money without a stream to put it on
        assertF99(receiver.open(sender.pay(10, 0), BASE, ASSET));
        assertF99(receiver.open(sender.pay(10, 0, new StreamMoney(1, 0)), BASE, ASSET));
        // a STREAM Fulfill packet inside a Prepare
        byte[] data = sender.keys.seal(new StreamPacket(StreamPacket.ILP_FULFILL, 9, 0,
                List.of()));
        IlpPrepare wrongType = new IlpPrepare(10, Instant.parse("2099-01-01T00:00:00Z"),
                StreamCrypto.sha256(sender.keys.fulfillment(data)), sender.destination, data);
        assertF99(receiver.open(wrongType, BASE, ASSET));
    }

    private static void assertF99(StreamPrepare result) {
        Unfulfillable u = assertInstanceOf(Unfulfillable.class, result);
        assertEquals(IlpErrorCode.F99_APPLICATION_ERROR, u.reject().code());
        assertTrue(u.reject().dataLength() > 28, "carries an encrypted reply");
    }

    @Test
    void unknownTokenIsF02AndUndecryptableDataF06() {
        StreamSender sender = connect("pay-7", false);
        IlpPrepare good = sender.pay(10, 0, new StreamMoney(1, 1));
        assertCode(IlpErrorCode.F02_UNREACHABLE, receiver.open(retarget(good, "test.node.agent"),
                BASE, ASSET));
        assertCode(IlpErrorCode.F02_UNREACHABLE, receiver.open(retarget(good,
                "test.node.agent.bm90LWEtdG9rZW4"), BASE, ASSET));
        assertCode(IlpErrorCode.F02_UNREACHABLE, receiver.open(retarget(good,
                "test.node.agent.abcde"), BASE, ASSET));
        StreamPrepare elsewhere = receiver.open(good, IlpAddress.of("test.node.other"), ASSET);
        assertEquals(IlpErrorCode.F02_UNREACHABLE,
                assertInstanceOf(Undecryptable.class, elsewhere).code());
        StreamReceiver otherSecret = new StreamReceiver(hex("01".repeat(32)), clock, 10,
                Duration.ofHours(1));
        assertCode(IlpErrorCode.F02_UNREACHABLE, otherSecret.open(good, BASE, ASSET));
        IlpPrepare garbled = new IlpPrepare(10, good.expiresAt(), good.executionCondition(),
                good.destination(), new byte[40]);
        assertCode(IlpErrorCode.F06_UNEXPECTED_PAYMENT, receiver.open(garbled, BASE, ASSET));
        // segments after the token are allowed, as the JS server allows them
        assertInstanceOf(Payable.class, receiver.open(retarget(good,
                good.destination().value() + ".extra"), BASE, ASSET));
    }

    private static IlpPrepare retarget(IlpPrepare p, String destination) {
        return new IlpPrepare(p.amount(), p.expiresAt(), p.executionCondition(),
                IlpAddress.of(destination), p.data());
    }

    private static void assertCode(IlpErrorCode code, StreamPrepare result) {
        Undecryptable u = assertInstanceOf(Undecryptable.class, result);
        assertEquals(code, u.reject().code());
        assertEquals(0, u.reject().dataLength());
        assertEquals(BASE.value(), u.reject().triggeredBy());
    }

    @Test
    void connectionsSurviveARestartWithTheSameSecret() {
        StreamSender sender = connect("pay-8", true);
        ((Payable) receiver.open(sender.pay(100, 0, new StreamMoney(1, 1)), BASE, ASSET))
                .fulfill();
        StreamReceiver restarted = new StreamReceiver(SECRET, clock, 100, Duration.ofHours(1));
        Payable p = assertInstanceOf(Payable.class,
                restarted.open(sender.pay(5, 0, new StreamMoney(1, 1)), BASE, ASSET));
        assertEquals("pay-8", p.paymentId());
        StreamPacket reply = sender.keys.open(p.fulfill().data());
        // totals are memory: a restart starts them again; the asset is told again
        assertEquals(5, receiptTotal(reply, 1));
        assertTrue(reply.frames().contains(new ConnectionAssetDetails("USD", 6)));
    }

    @Test
    void fullTableAnswersT03UntilSessionsExpire() {
        StreamReceiver small = new StreamReceiver(SECRET, clock, 1, Duration.ofMinutes(1));
        StreamSender a = new StreamSender(small.newConnection(BASE, "a", Optional.empty()));
        StreamSender b = new StreamSender(small.newConnection(BASE, "b", Optional.empty()));
        assertInstanceOf(Payable.class, small.open(a.pay(1, 0, new StreamMoney(1, 1)), BASE,
                ASSET));
        Unfulfillable busy = assertInstanceOf(Unfulfillable.class,
                small.open(b.pay(1, 0, new StreamMoney(1, 1)), BASE, ASSET));
        assertEquals(IlpErrorCode.T03_CONNECTOR_BUSY, busy.reject().code());
        assertEquals(StreamPacket.ILP_REJECT, b.keys.open(busy.reject().data()).ilpPacketType());
        clock.advance(Duration.ofMinutes(2));
        assertInstanceOf(Payable.class, small.open(b.pay(1, 0, new StreamMoney(1, 1)), BASE,
                ASSET));
        assertEquals(1, small.connectionCount());
    }

    @Test
    void decryptsALoggedExchangeForTheExplorer() {
        StreamSender sender = connect("pay-9", false);
        IlpPrepare prepare = sender.pay(7, 0, new StreamMoney(1, 1));
        IlpFulfill fulfill = ((Payable) receiver.open(prepare, BASE, ASSET)).fulfill();
        StreamExchange exchange = receiver.decrypt(prepare, fulfill, BASE).orElseThrow();
        assertEquals("pay-9", exchange.paymentId());
        assertEquals(List.<StreamFrame>of(new StreamMoney(1, 1)), exchange.request().frames());
        assertEquals(StreamPacket.ILP_FULFILL, exchange.reply().orElseThrow().ilpPacketType());
        assertTrue(receiver.decrypt(prepare, null, BASE).orElseThrow().reply().isEmpty());
        IlpReject foreign = IlpReject.of(IlpErrorCode.T01_PEER_UNREACHABLE, BASE, "x");
        assertTrue(receiver.decrypt(prepare, foreign, BASE).orElseThrow().reply().isEmpty());
        assertTrue(receiver.decrypt(retarget(prepare, "test.node.agent.zzzz"), fulfill, BASE)
                .isEmpty());
    }

    @Test
    void requestsNamingThousandsOfStreamsGetABoundedReply() {
        StreamSender sender = connect("pay-10", true);
        StreamFrame[] blocked = new StreamFrame[2_000];
        StreamFrame[] money = new StreamFrame[2_000];
        for (int i = 0; i < blocked.length; i++) {
            blocked[i] = new StreamFrame.StreamMoneyBlocked(2L * i + 1, 10, 0);
            money[i] = new StreamMoney(2L * i + 1, 1);
        }
        Unfulfillable probe = assertInstanceOf(Unfulfillable.class,
                receiver.open(sender.probe(10, blocked), BASE, ASSET));
        assertEquals(Replies.STREAMS_MAX, sender.keys.open(probe.reject().data()).frames()
                .stream().filter(f -> f instanceof StreamMaxMoney).count());
        Unfulfillable tooMany = assertInstanceOf(Unfulfillable.class,
                receiver.open(sender.pay(10_000, 0, money), BASE, ASSET));
        assertEquals(IlpErrorCode.F99_APPLICATION_ERROR, tooMany.reject().code());
        Payable most = (Payable) receiver.open(sender.pay(10_000, 0,
                java.util.Arrays.copyOf(money, StreamReceiver.STREAMS_PER_CONNECTION_MAX)),
                BASE, ASSET);
        StreamPacket reply = sender.keys.open(most.fulfill().data());
        assertEquals(StreamReceiver.STREAMS_PER_CONNECTION_MAX, reply.frames().stream()
                .filter(f -> f instanceof StreamReceipt).count(), "a receipt per stream");
    }

    @Test
    void longRejectMessagesAreCutToTheIlpLimit() {
        StreamSender sender = connect("pay-11", false);
        Payable p = (Payable) receiver.open(sender.pay(10, 0, new StreamMoney(1, 1)), BASE,
                ASSET);
        IlpReject reject = p.reject(IlpErrorCode.F99_APPLICATION_ERROR, "é".repeat(5_000));
        assertEquals(4_095, reject.message().length());
        Payable q = (Payable) receiver.open(sender.pay(10, 0, new StreamMoney(1, 1)), BASE,
                ASSET);
        assertEquals("", q.reject(IlpErrorCode.T00_INTERNAL_ERROR, null).message());
    }

    @Test
    void connectionCloseFreesTheSlot() {
        StreamReceiver small = new StreamReceiver(SECRET, clock, 1, Duration.ofHours(1));
        StreamSender a = new StreamSender(small.newConnection(BASE, "a", Optional.empty()));
        StreamSender b = new StreamSender(small.newConnection(BASE, "b", Optional.empty()));
        assertInstanceOf(Payable.class, small.open(a.pay(1, 0, new StreamMoney(1, 1)), BASE,
                ASSET));
        assertInstanceOf(Unfulfillable.class, small.open(a.probe(0,
                new StreamFrame.ConnectionClose(StreamErrorCode.NO_ERROR, "")), BASE, ASSET));
        assertEquals(0, small.connectionCount());
        assertInstanceOf(Payable.class, small.open(b.pay(1, 0, new StreamMoney(1, 1)), BASE,
                ASSET));
    }

    private static JsonObject vector(String name) {
        return Vectors.all().stream().filter(v -> v.getString("name").equals(name))
                .findFirst().orElseThrow();
    }
}
