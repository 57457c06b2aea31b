package dev.ilpconnector.codec.ilp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ilpconnector.codec.oer.CodecException;

/**
 * Jazzer fuzz target for {@link IlpCodec}. Replays the committed corpus in
 * src/test/resources/dev/ilpconnector/codec/ilp/IlpCodecFuzzTestInputs/decode/ on every
 * {@code mvn test}; fuzzes with {@code JAZZER_FUZZ=1} (see docs/codec.md).
 */
class IlpCodecFuzzTest {

    /** Any input is refused with CodecException or decodes to a canonical packet. */
    @FuzzTest(maxDuration = "2m")
    void decode(byte[] input) {
        IlpPacket packet;
        try {
            packet = IlpCodec.decode(input);
        } catch (CodecException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        assertArrayEquals(input, IlpCodec.encode(packet));
        if (packet instanceof IlpPrepare) {
            assertArrayEquals(input, IlpCodec.encode(IlpCodec.decodePrepare(input)));
        } else {
            assertArrayEquals(input, IlpCodec.encode(IlpCodec.decodeResponse(input)));
        }
    }
}
