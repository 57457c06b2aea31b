package dev.ilpconnector.codec.ccp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ilpconnector.codec.oer.CodecException;

/**
 * Jazzer fuzz targets for the CCP payloads. Replays the committed corpus in
 * src/test/resources/dev/ilpconnector/codec/ccp/CcpFuzzTestInputs/&lt;method&gt;/ on every
 * {@code mvn test}; fuzzes with {@code JAZZER_FUZZ=1} (see docs/codec.md).
 */
class CcpFuzzTest {

    /** A route update payload: refused cleanly or re-encoded byte for byte. */
    @FuzzTest(maxDuration = "2m")
    void decodeUpdate(byte[] input) {
        CcpRouteUpdateRequest update;
        try {
            update = Ccp.decodeUpdate(input);
        } catch (CodecException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        assertArrayEquals(input, Ccp.encode(update));
    }

    /** A route control payload: refused cleanly or re-encoded byte for byte. */
    @FuzzTest(maxDuration = "2m")
    void decodeControl(byte[] input) {
        CcpRouteControlRequest control;
        try {
            control = Ccp.decodeControl(input);
        } catch (CodecException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        assertArrayEquals(input, Ccp.encode(control));
    }
}
