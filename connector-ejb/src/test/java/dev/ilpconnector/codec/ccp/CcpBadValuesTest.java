package dev.ilpconnector.codec.ccp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.oer.CodecException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad-values table for CCP (RFC 10) payloads and envelopes. */
class CcpBadValuesTest {

    static final HexFormat HEX = HexFormat.of();
    static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");
    static final UUID TABLE = UUID.fromString("bffbf6ad-0ff3-4e92-9d4b-5f6c8a3a4b5c");
    static final byte[] AUTH = new byte[32];

    static CcpRouteUpdateRequest update() {
        CcpRoute route = new CcpRoute("test.c", List.of("test.b", "test.c"), AUTH,
                List.of(new CcpRouteProp(true, true, false, true, 7, new byte[] {'x'})));
        return new CcpRouteUpdateRequest(TABLE, 9, 3, 9, 45_000, "test.b", List.of(route),
                List.of("test.gone", "g"));
    }

    @Test
    void updateWithPropsAndWithdrawalsRoundTrips() {
        CcpRouteUpdateRequest u = update();
        byte[] payload = Ccp.encode(u);
        assertEquals(u, Ccp.decodeUpdate(payload));
        assertArrayEquals(payload, Ccp.encode(Ccp.decodeUpdate(payload)));
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] update = Ccp.encode(update());
        for (int n = 0; n < update.length; n++) {
            byte[] cut = Arrays.copyOf(update, n);
            assertThrows(CodecException.class, () -> Ccp.decodeUpdate(cut), "length " + n);
        }
        byte[] control = Ccp.encode(new CcpRouteControlRequest(CcpMode.SYNC, TABLE, 4,
                List.of("f")));
        for (int n = 0; n < control.length; n++) {
            byte[] cut = Arrays.copyOf(control, n);
            assertThrows(CodecException.class, () -> Ccp.decodeControl(cut), "length " + n);
        }
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] update = Ccp.encode(update());
        assertThrows(CodecException.class,
                () -> Ccp.decodeUpdate(Arrays.copyOf(update, update.length + 1)));
        byte[] control = Ccp.encode(new CcpRouteControlRequest(CcpMode.IDLE, TABLE, 0,
                List.of()));
        assertThrows(CodecException.class,
                () -> Ccp.decodeControl(Arrays.copyOf(control, control.length + 1)));
    }

    @ParameterizedTest(name = "control payload {0} refused")
    @ValueSource(strings = {
        // mode 2 (ilp-protocol-ccp accepts it)
        "0270c4a5e27ded4f459d4abc5e9e0fe7a1000000200100",
        // feature count 1 with no feature
        "0170c4a5e27ded4f459d4abc5e9e0fe7a1000000200101",
        // feature count in a non-canonical var-uint
        "0170c4a5e27ded4f459d4abc5e9e0fe7a100000020020000",
        // feature that is not UTF-8
        "0170c4a5e27ded4f459d4abc5e9e0fe7a1000000200101ff"})
    void badControlPayloads(String hex) {
        assertThrows(CodecException.class, () -> Ccp.decodeControl(HEX.parseHex(hex)));
    }

    /** Builds an update payload with the given speaker and route bytes (hex). */
    static byte[] updateWith(String speakerHex, String routesHex) {
        return HEX.parseHex("bffbf6ad0ff34e929d4b5f6c8a3a4b5c" + "00000005" + "00000000"
                + "00000005" + "0000afc8" + speakerHex + routesHex);
    }

    @ParameterizedTest(name = "update payload part {0} refused")
    @ValueSource(strings = {
        // speaker "test" (no segment) and no routes
        "0474657374|0100",
        // speaker with a space
        "0a746573742e636f206e6e|0100",
        // 127 routes announced, none present
        "09746573742e636f6e6e|017f0100",
        // route prefix "test..c"
        "09746573742e636f6e6e|01010774657374 2e2e63 0100<auth>0100",
        // path hop not an address
        "09746573742e636f6e6e|010106746573742e6301010178<auth>0100",
        // prop with reserved meta bits
        "09746573742e636f6e6e|010106746573742e630100<auth>01010f0007010000" + "0100",
        // withdrawn prefix "x.y" (unknown scheme)
        "09746573742e636f6e6e|0100010103782e79"})
    void badUpdatePayloads(String parts) {
        String[] p = parts.replace(" ", "").replace("<auth>", AUTH_HEX).split("\\|");
        assertThrows(CodecException.class, () -> Ccp.decodeUpdate(updateWith(p[0], p[1])));
    }

    static final String AUTH_HEX = "00".repeat(32);

    @Test
    void bareSchemePrefixIsAcceptedAndAddressesOtherwise() {
        CcpRouteUpdateRequest u = Ccp.decodeUpdate(updateWith("09746573742e636f6e6e",
                "01010474657374" + "010109746573742e636f6e6e" + AUTH_HEX + "01000100"));
        assertEquals("test", u.newRoutes().get(0).prefix());
        assertThrows(IllegalArgumentException.class, () -> new CcpRoute("nope", List.of(),
                AUTH));
        assertThrows(IllegalArgumentException.class, () -> new CcpRoute("g.a", List.of(),
                new byte[31]));
    }

    @Test
    void epochsAreUInt32() {
        assertThrows(IllegalArgumentException.class, () -> new CcpRouteUpdateRequest(TABLE,
                1L << 32, 0, 0, 0, "g.a", List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new CcpRouteControlRequest(
                CcpMode.SYNC, TABLE, -1, List.of()));
        CcpRouteUpdateRequest max = new CcpRouteUpdateRequest(TABLE, 0xFFFF_FFFFL,
                0xFFFF_FFFFL, 0xFFFF_FFFFL, 0xFFFF_FFFFL, "g.a", List.of(), List.of());
        assertEquals(max, Ccp.decodeUpdate(Ccp.encode(max)));
    }

    @Test
    void envelopes() {
        CcpRouteControlRequest control = new CcpRouteControlRequest(CcpMode.SYNC, TABLE, 1,
                List.of());
        IlpPrepare prepare = Ccp.controlRequest(control, NOW.plusSeconds(10));
        byte[] wire = IlpCodec.encode(prepare);
        assertEquals(control, Ccp.decodeControlRequest(wire, NOW));
        // expired at now, addressed to the update destination, or with another condition
        assertThrows(CodecException.class,
                () -> Ccp.decodeControlRequest(wire, NOW.plusSeconds(10)));
        assertThrows(CodecException.class, () -> Ccp.decodeUpdateRequest(wire, NOW));
        IlpPrepare wrongCondition = new IlpPrepare(0, NOW.plusSeconds(10), new byte[32],
                IlpAddress.of(Ccp.CONTROL_DESTINATION), Ccp.encode(control));
        assertThrows(CodecException.class,
                () -> Ccp.decodeControlRequest(wrongCondition, NOW));
    }

    @Test
    void responses() {
        Ccp.decodeResponse(IlpCodec.encode(Ccp.fulfill()));
        byte[] other = new byte[32];
        other[0] = 1;
        assertThrows(CodecException.class, () -> Ccp.decodeResponse(IlpCodec.encode(
                new IlpFulfill(other, new byte[0]))));
        assertThrows(CodecException.class, () -> Ccp.decodeResponse(IlpCodec.encode(
                IlpReject.of(IlpErrorCode.F00_BAD_REQUEST, IlpAddress.of("g.a"), "no"))));
    }
}
