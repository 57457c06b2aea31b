package dev.ilpconnector.codec.ildcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.oer.CodecException;
import java.time.Instant;

/**
 * Jazzer fuzz targets for IL-DCP decoding. Replays the committed corpus in
 * src/test/resources/dev/ilpconnector/codec/ildcp/IldcpFuzzTestInputs/&lt;method&gt;/ on every
 * {@code mvn test}; fuzzes with {@code JAZZER_FUZZ=1} (see docs/codec.md).
 */
class IldcpFuzzTest {

    static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    /** An ILP packet as an IL-DCP response: refused cleanly or canonical. */
    @FuzzTest(maxDuration = "2m")
    void decodeResponse(byte[] input) {
        IldcpResponse response;
        try {
            response = Ildcp.decodeResponse(input);
        } catch (CodecException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        assertArrayEquals(input, IlpCodec.encode(Ildcp.fulfill(response)));
    }

    /** Raw IL-DCP response data: refused cleanly or canonical. */
    @FuzzTest(maxDuration = "2m")
    void decodeData(byte[] input) {
        IldcpResponse response;
        try {
            response = Ildcp.decode(input);
        } catch (CodecException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        assertArrayEquals(input, Ildcp.encode(response));
    }

    /** An ILP packet as an IL-DCP request: refused cleanly or a canonical request. */
    @FuzzTest(maxDuration = "2m")
    void decodeRequest(byte[] input) {
        try {
            assertArrayEquals(input, IlpCodec.encode(Ildcp.decodeRequest(input, NOW)));
        } catch (CodecException refused) {
            assertNotNull(refused.getMessage());
        }
    }
}
