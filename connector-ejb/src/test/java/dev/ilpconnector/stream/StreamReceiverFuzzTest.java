package dev.ilpconnector.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.codec.stream.StreamCrypto;
import dev.ilpconnector.codec.stream.StreamKeys;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Jazzer target for the receiver behind the decryption: the fuzzer's bytes are sealed as a
 * sender would seal a STREAM packet (first byte odd: with the right condition), then opened,
 * answered and, when payable, fulfilled. Nothing may throw and every answer must be a valid
 * ILP packet. Replays src/test/resources/dev/ilpconnector/stream/StreamReceiverFuzzTestInputs/
 * on every {@code mvn test}; fuzzes with {@code JAZZER_FUZZ=1}.
 */
class StreamReceiverFuzzTest {

    private static final IlpAddress BASE = IlpAddress.of("test.fuzz.agent");
    private static final ReceiverAsset ASSET = new ReceiverAsset("USD", 6);
    private static final StreamReceiver RECEIVER = new StreamReceiver(new byte[32],
            Clock.systemUTC(), 8, Duration.ofMinutes(1));
    private static final StreamCredentials CONNECTION = RECEIVER.newConnection(BASE, "fuzz",
            Optional.of(new ReceiptRequest(new byte[16], new byte[32])));
    private static final StreamKeys KEYS =
            StreamKeys.fromSharedSecret(CONNECTION.sharedSecret());

    @FuzzTest(maxDuration = "2m")
    void open(byte[] input) {
        if (input.length == 0) {
            return;
        }
        boolean fulfillable = (input[0] & 1) == 1;
        byte[] data = KEYS.encrypt(Arrays.copyOfRange(input, 1, input.length),
                new SecureRandom());
        if (data.length > 32_767) {
            return;
        }
        byte[] condition = fulfillable ? StreamCrypto.sha256(KEYS.fulfillment(data))
                : new byte[32];
        long amount = input.length > 1 ? input[1] & 0xff : 0;
        IlpPrepare prepare = new IlpPrepare(amount, Instant.parse("2099-01-01T00:00:00Z"),
                condition, CONNECTION.destinationAccount(), data);
        StreamPrepare opened = RECEIVER.open(prepare, BASE, ASSET);
        IlpResponse response;
        if (opened instanceof Payable p) {
            response = (input[0] & 2) == 0 ? p.fulfill()
                    : p.reject(IlpErrorCode.T04_INSUFFICIENT_LIQUIDITY, "declined");
        } else if (opened instanceof Unfulfillable u) {
            response = u.reject();
        } else {
            response = ((Undecryptable) opened).reject();
        }
        assertTrue(response.dataLength() <= 32_767);
    }
}
