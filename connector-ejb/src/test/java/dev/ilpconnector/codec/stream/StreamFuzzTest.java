package dev.ilpconnector.codec.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ilpconnector.codec.oer.CodecException;

/**
 * Jazzer fuzz targets for the STREAM decoders. Replays the committed corpus in
 * src/test/resources/dev/ilpconnector/codec/stream/StreamFuzzTestInputs/&lt;method&gt;/ on
 * every {@code mvn test}; fuzzes with {@code JAZZER_FUZZ=1} (see docs/codec.md). The packet
 * target reads plaintext: past AES-GCM a fuzzer could not reach the decoder at all.
 */
class StreamFuzzTest {

    /** A decrypted STREAM packet: refused cleanly or re-encoded to the same packet. */
    @FuzzTest(maxDuration = "2m")
    void decode(byte[] input) {
        StreamPacket packet;
        try {
            packet = StreamCodec.decode(input);
        } catch (CodecException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        assertEquals(packet, StreamCodec.decode(StreamCodec.encode(packet)));
    }

    /** A receipt: refused cleanly or re-signed to the same bytes under a fixed secret. */
    @FuzzTest(maxDuration = "1m")
    void receipt(byte[] input) {
        Receipt receipt;
        try {
            receipt = Receipt.decode(input);
        } catch (CodecException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        assertEquals(58, input.length);
        Receipt.verify(Receipt.create(receipt.nonce(), receipt.streamId(),
                receipt.totalReceived(), new byte[32]), new byte[32]);
    }
}
