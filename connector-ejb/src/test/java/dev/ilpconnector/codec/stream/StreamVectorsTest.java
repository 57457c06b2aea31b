package dev.ilpconnector.codec.stream;

import static dev.ilpconnector.codec.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.Vectors;
import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.oer.UInt64;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionAssetDetails;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionClose;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionDataBlocked;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionMaxData;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionMaxStreamId;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionNewAddress;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionStreamIdBlocked;
import dev.ilpconnector.codec.stream.StreamFrame.StreamClose;
import dev.ilpconnector.codec.stream.StreamFrame.StreamData;
import dev.ilpconnector.codec.stream.StreamFrame.StreamDataBlocked;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMaxData;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMaxMoney;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMoney;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMoneyBlocked;
import dev.ilpconnector.codec.stream.StreamFrame.StreamReceipt;
import dev.ilpconnector.codec.stream.StreamFrame.Unknown;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The STREAM vectors of the JS library (ilp-protocol-stream 2.7.1): every packet decodes to
 * the vector's fields, encodes and encrypts byte for byte, derives the same fulfillment and
 * condition; receipts and replies match; every malformed vector is refused.
 */
class StreamVectorsTest {

    private static final byte[] SECRET = hex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @TestFactory
    Stream<DynamicTest> everyPacketVectorRoundTrips() {
        List<JsonObject> packets = Vectors.category("stream").stream()
                .filter(v -> v.containsKey("plaintextHex")).toList();
        assertTrue(packets.size() >= 17, "packet vectors: " + packets.size());
        return packets.stream().map(v -> DynamicTest.dynamicTest(v.getString("name"),
                () -> packetVector(v)));
    }

    private static void packetVector(JsonObject v) {
        StreamPacket expected = packet(v.getJsonObject("fields"));
        byte[] plaintext = hex(v.getString("plaintextHex"));
        assertEquals(expected, StreamCodec.decode(plaintext));
        assertArrayEquals(plaintext, StreamCodec.encode(expected));
        StreamKeys keys = StreamKeys.fromSharedSecret(hex(v.getString("sharedSecret")));
        byte[] ciphertext = hex(v.getString("ciphertextHex"));
        assertEquals(expected, keys.open(ciphertext));
        byte[] decrypted = keys.decrypt(ciphertext);
        assertArrayEquals(ciphertext, keys.encrypt(decrypted, new FixedRandom(v.getString("iv"))));
        if (decrypted.length == plaintext.length) {
            assertArrayEquals(ciphertext, keys.seal(expected, new FixedRandom(v.getString("iv"))));
        }
        if (v.containsKey("ilpPrepareHex")) {
            JsonObject derived = v.getJsonObject("derived");
            byte[] fulfillment = hex(derived.getString("fulfillment"));
            assertArrayEquals(fulfillment, keys.fulfillment(ciphertext));
            assertArrayEquals(hex(derived.getString("condition")),
                    StreamCrypto.sha256(fulfillment));
            IlpPrepare prepare = IlpCodec.decodePrepare(hex(v.getString("ilpPrepareHex")));
            assertArrayEquals(ciphertext, prepare.data());
            assertTrue(keys.canFulfill(prepare.data(), prepare.executionCondition()));
            assertFalse(keys.canFulfill(prepare.data(), fulfillment));
            assertArrayEquals(hex(v.getString("ilpFulfillHex")),
                    IlpCodec.encode(new IlpFulfill(fulfillment, new byte[0])));
        }
    }

    @Test
    void keyDerivation() {
        JsonObject v = vector("key_derivation");
        JsonObject derived = v.getJsonObject("derived");
        assertArrayEquals(hex(derived.getString("pskEncryptionKey")),
                StreamCrypto.hmacSha256(SECRET, ascii("ilp_stream_encryption")));
        assertArrayEquals(hex(derived.getString("fulfillmentKey")),
                StreamCrypto.hmacSha256(SECRET, ascii("ilp_stream_fulfillment")));
    }

    @Test
    void rejectWithStreamReplyIsByteExact() {
        JsonObject v = vector("ilp_reject_F99_with_stream_reply");
        JsonObject f = v.getJsonObject("fields");
        StreamKeys keys = StreamKeys.fromSharedSecret(hex(f.getString("sharedSecret")));
        StreamPacket reply = StreamCodec.decode(hex(f.getString("streamPlaintextHex")));
        assertEquals(List.of(new ConnectionAssetDetails("USD", 2)), reply.frames());
        byte[] data = keys.seal(reply, new FixedRandom(f.getString("iv")));
        IlpReject reject = new IlpReject(IlpErrorCode.of(f.getString("code")),
                f.getString("triggeredBy"), f.getString("message"), data);
        assertEquals(v.getString("hex"), hex(IlpCodec.encode(reject)));
    }

    @Test
    void receiptIsByteExactAndVerifies() {
        JsonObject v = vector("receipt_v1");
        JsonObject f = v.getJsonObject("fields");
        byte[] secret = hex(f.getString("secret"));
        byte[] receipt = Receipt.create(hex(f.getString("nonce")),
                UInt64.parse(f.getString("streamId")),
                UInt64.parse(f.getString("totalReceived")), secret);
        assertEquals(v.getString("hex"), hex(receipt));
        Receipt decoded = Receipt.verify(receipt, secret);
        assertEquals(1, decoded.streamId());
        assertEquals(1_000_000, decoded.totalReceived());
        assertEquals(f.getString("nonce"), hex(decoded.nonce()));
        byte[] otherSecret = secret.clone();
        otherSecret[0] ^= 1;
        assertThrows(CodecException.class, () -> Receipt.verify(receipt, otherSecret));
    }

    @Test
    void receiptCannotNameStream256() {
        JsonObject v = vector("receipt_streamid_256_not_representable");
        assertFalse(Receipt.canCover(256));
        assertThrows(IllegalArgumentException.class, () -> Receipt.create(new byte[16],
                UInt64.parse(v.getJsonObject("fields").getString("streamId")), 1,
                new byte[32]));
    }

    @TestFactory
    Stream<DynamicTest> malformedVectorsAreRefused() {
        List<JsonObject> bad = Vectors.category("stream-malformed");
        assertEquals(10, bad.size());
        return bad.stream().map(v -> DynamicTest.dynamicTest(v.getString("name"),
                () -> malformed(v)));
    }

    private static void malformed(JsonObject v) {
        String name = v.getString("name");
        byte[] bytes = hex(v.getString("hex"));
        if (name.startsWith("receipt_")) {
            byte[] secret = hex(vector("receipt_v1").getJsonObject("fields").getString("secret"));
            assertThrows(CodecException.class, () -> Receipt.verify(bytes, secret));
            return;
        }
        StreamKeys keys = StreamKeys.fromSharedSecret(hex(v.getString("sharedSecret")));
        if (name.equals("unknown_frame_type_0x99_is_skipped")) {
            // RFC 29 §5.3: unknown frames are skipped, the packet is fine
            StreamPacket packet = keys.open(bytes);
            assertEquals(List.of(new Unknown(0x99, ascii("ignored")), new StreamMoney(1, 1)),
                    packet.frames());
            assertArrayEquals(hex(v.getString("plaintextHex")), StreamCodec.encode(packet));
            return;
        }
        if (name.equals("wrong_shared_secret")) {
            // sealed with the vector's secret; the JS library refused it under another one
            assertEquals(StreamCodec.decode(hex(v.getString("plaintextHex"))), keys.open(bytes));
            byte[] other = hex(v.getString("sharedSecret"));
            other[31] ^= 1;
            assertThrows(CodecException.class,
                    () -> StreamKeys.fromSharedSecret(other).open(bytes));
            return;
        }
        CodecException e = assertThrows(CodecException.class, () -> keys.open(bytes));
        assertFalse(e.getMessage().isEmpty());
    }

    static JsonObject vector(String name) {
        return Vectors.all().stream().filter(v -> v.getString("name").equals(name))
                .findFirst().orElseThrow();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The packet the vector's {@code fields} describe. */
    static StreamPacket packet(JsonObject f) {
        List<StreamFrame> frames = new ArrayList<>();
        for (JsonObject frame : f.getJsonArray("frames").getValuesAs(JsonObject.class)) {
            frames.add(frame(frame));
        }
        return new StreamPacket(f.getInt("ilpPacketType"), UInt64.parse(f.getString("sequence")),
                UInt64.parse(f.getString("prepareAmount")), frames);
    }

    private static StreamFrame frame(JsonObject j) {
        return switch (j.getString("name")) {
            case "ConnectionClose" -> new ConnectionClose(new StreamErrorCode(
                    j.getInt("errorCode")), j.getString("errorMessage"));
            case "ConnectionNewAddress" -> new ConnectionNewAddress(j.getString("sourceAccount"));
            case "ConnectionMaxData" -> new ConnectionMaxData(u(j, "maxOffset"));
            case "ConnectionDataBlocked" -> new ConnectionDataBlocked(u(j, "maxOffset"));
            case "ConnectionMaxStreamId" -> new ConnectionMaxStreamId(u(j, "maxStreamId"));
            case "ConnectionStreamIdBlocked" -> new ConnectionStreamIdBlocked(u(j, "maxStreamId"));
            case "ConnectionAssetDetails" -> new ConnectionAssetDetails(
                    j.getString("sourceAssetCode"), j.getInt("sourceAssetScale"));
            case "StreamClose" -> new StreamClose(u(j, "streamId"),
                    new StreamErrorCode(j.getInt("errorCode")), j.getString("errorMessage"));
            case "StreamMoney" -> new StreamMoney(u(j, "streamId"), u(j, "shares"));
            case "StreamMaxMoney" -> new StreamMaxMoney(u(j, "streamId"), u(j, "receiveMax"),
                    u(j, "totalReceived"));
            case "StreamMoneyBlocked" -> new StreamMoneyBlocked(u(j, "streamId"),
                    u(j, "sendMax"), u(j, "totalSent"));
            case "StreamData" -> new StreamData(u(j, "streamId"), u(j, "offset"),
                    hex(j.getString("data")));
            case "StreamMaxData" -> new StreamMaxData(u(j, "streamId"), u(j, "maxOffset"));
            case "StreamDataBlocked" -> new StreamDataBlocked(u(j, "streamId"),
                    u(j, "maxOffset"));
            case "StreamReceipt" -> new StreamReceipt(u(j, "streamId"),
                    hex(j.getString("receipt")));
            default -> throw new AssertionError("frame " + j);
        };
    }

    private static long u(JsonObject j, String name) {
        return UInt64.parse(j.getString(name));
    }
}
