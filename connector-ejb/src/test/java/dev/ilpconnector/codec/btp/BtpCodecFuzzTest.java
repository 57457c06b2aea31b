package dev.ilpconnector.codec.btp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ilpconnector.codec.oer.CodecException;

/**
 * Jazzer fuzz target for {@link BtpCodec}. Replays the committed corpus in
 * src/test/resources/dev/ilpconnector/codec/btp/BtpCodecFuzzTestInputs/decode/ on every
 * {@code mvn test}; fuzzes with {@code JAZZER_FUZZ=1} (see docs/codec.md).
 */
class BtpCodecFuzzTest {

    /** Any input is refused with CodecException or decodes to a frame that re-encodes. */
    @FuzzTest(maxDuration = "2m")
    void decode(byte[] input) {
        BtpPacket packet;
        try {
            packet = BtpCodec.decode(input);
        } catch (CodecException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        byte[] again = BtpCodec.encode(packet);
        if (packet instanceof BtpError) {
            // GeneralizedTime is accepted in several lengths and written canonically
            assertEquals(packet, BtpCodec.decode(again));
        } else {
            assertArrayEquals(input, again);
        }
    }
}
