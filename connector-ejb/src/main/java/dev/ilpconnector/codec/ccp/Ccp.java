package dev.ilpconnector.codec.ccp;

import dev.ilpconnector.Limits;
import dev.ilpconnector.codec.ildcp.Ildcp;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPacket;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.oer.OerReader;
import dev.ilpconnector.codec.oer.OerWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * CCP messages (RFC 10) and their OER payloads, as {@code ilp-protocol-ccp} 1.2.3 puts them on
 * the wire. A request is an ILP Prepare of amount 0 with the peer protocol condition (the one of
 * IL-DCP, SHA-256 of 32 zero bytes); the answer is a Fulfill with 32 zero bytes and no data.
 *
 * <p>Control payload: UInt8 mode, 16-byte routing table id, UInt32 epoch, VarUInt count of
 * VarOctetString UTF-8 features. Update payload: 16-byte table id, UInt32 current/from/to
 * epochs, UInt32 hold-down time (ms), VarOctetString speaker, VarUInt count of routes (prefix,
 * VarUInt count of path hops, 32-byte auth, VarUInt count of props: UInt8 meta, UInt16 id,
 * VarOctetString value), VarUInt count of withdrawn prefixes.
 */
public final class Ccp {

    /** RFC 10: destination of route control requests. */
    public static final String CONTROL_DESTINATION = "peer.route.control";
    /** RFC 10: destination of route update requests. */
    public static final String UPDATE_DESTINATION = "peer.route.update";

    private static final IlpAddress CONTROL_ADDRESS = IlpAddress.of(CONTROL_DESTINATION);
    private static final IlpAddress UPDATE_ADDRESS = IlpAddress.of(UPDATE_DESTINATION);
    private static final byte[] CONDITION = Ildcp.peerProtocolCondition();
    private static final byte[] FULFILLMENT = Ildcp.peerProtocolFulfillment();
    private static final int UUID_BYTES = 16;
    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    /** Fewest bytes a route takes: empty prefix, no hops, auth, no props. */
    private static final int ROUTE_BYTES_MIN = 1 + 1 + Limits.CONDITION_BYTES + 1;
    /** Fewest bytes a route property takes: meta, id, empty value. */
    private static final int PROP_BYTES_MIN = 1 + 2 + 1;
    /** Meta bits that carry no flag (RFC 10 leaves them zero). */
    private static final int META_RESERVED = 0x0F;

    private Ccp() {
    }

    // ------------------------------------------------------------------ ILP envelopes

    /** A route control request as an ILP Prepare expiring at {@code expiresAt}. */
    public static IlpPrepare controlRequest(CcpRouteControlRequest request, Instant expiresAt) {
        return new IlpPrepare(0, expiresAt, CONDITION, CONTROL_ADDRESS, encode(request));
    }

    /** A route update request as an ILP Prepare expiring at {@code expiresAt}. */
    public static IlpPrepare updateRequest(CcpRouteUpdateRequest request, Instant expiresAt) {
        return new IlpPrepare(0, expiresAt, CONDITION, UPDATE_ADDRESS, encode(request));
    }

    /** The acknowledgement of either request: 32 zero bytes, no data. */
    public static IlpFulfill fulfill() {
        return new IlpFulfill(FULFILLMENT, new byte[0]);
    }

    public static boolean isControlRequest(IlpPrepare prepare) {
        return prepare.destination().equals(CONTROL_ADDRESS);
    }

    public static boolean isUpdateRequest(IlpPrepare prepare) {
        return prepare.destination().equals(UPDATE_ADDRESS);
    }

    /**
     * The route control request inside a Prepare to {@code peer.route.control}.
     *
     * @throws CodecException when addressed elsewhere, with another condition, expired at or
     *     before {@code now}, or with a malformed payload
     */
    public static CcpRouteControlRequest decodeControlRequest(IlpPrepare prepare, Instant now) {
        checkEnvelope(prepare, CONTROL_ADDRESS, now);
        return decodeControl(prepare.data());
    }

    /** Like {@link #decodeControlRequest(IlpPrepare, Instant)}, from the ILP packet bytes. */
    public static CcpRouteControlRequest decodeControlRequest(byte[] ilpPacket, Instant now) {
        return decodeControlRequest(IlpCodec.decodePrepare(ilpPacket), now);
    }

    /**
     * The route update request inside a Prepare to {@code peer.route.update}.
     *
     * @throws CodecException as {@link #decodeControlRequest(IlpPrepare, Instant)}
     */
    public static CcpRouteUpdateRequest decodeUpdateRequest(IlpPrepare prepare, Instant now) {
        checkEnvelope(prepare, UPDATE_ADDRESS, now);
        return decodeUpdate(prepare.data());
    }

    /** Like {@link #decodeUpdateRequest(IlpPrepare, Instant)}, from the ILP packet bytes. */
    public static CcpRouteUpdateRequest decodeUpdateRequest(byte[] ilpPacket, Instant now) {
        return decodeUpdateRequest(IlpCodec.decodePrepare(ilpPacket), now);
    }

    /** Checks that an ILP packet is the Fulfill acknowledging a CCP request. */
    public static void decodeResponse(byte[] ilpPacket) {
        IlpResponse response = IlpCodec.decodeResponse(ilpPacket);
        if (response.typeId() != IlpPacket.TYPE_FULFILL) {
            throw new CodecException("CCP answer is a Reject: " + response, 0);
        }
        if (!isResponse((IlpFulfill) response)) {
            throw new CodecException("CCP fulfillment is not 32 zero bytes", -1);
        }
    }

    /** True when the Fulfill carries the peer protocol fulfillment (32 zero bytes). */
    public static boolean isResponse(IlpFulfill fulfill) {
        return MessageDigest.isEqual(fulfill.fulfillment(), FULFILLMENT);
    }

    private static void checkEnvelope(IlpPrepare prepare, IlpAddress destination, Instant now) {
        if (!prepare.destination().equals(destination)) {
            throw new CodecException("not a CCP " + destination + " request: destination "
                    + prepare.destination(), -1);
        }
        if (!MessageDigest.isEqual(prepare.executionCondition(), CONDITION)) {
            throw new CodecException("CCP request with a wrong condition", -1);
        }
        if (!prepare.expiresAt().isAfter(now)) {
            throw new CodecException("CCP request expired at " + prepare.expiresAt(), -1);
        }
    }

    // ------------------------------------------------------------------ control payload

    public static byte[] encode(CcpRouteControlRequest request) {
        OerWriter out = new OerWriter()
                .writeUInt8(request.mode().code());
        writeUuid(out, request.lastKnownRoutingTableId());
        out.writeUInt32(request.lastKnownEpoch())
                .writeVarUInt(request.features().size());
        for (String feature : request.features()) {
            out.writeVarOctetString(feature.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Decodes a route control payload; nothing may follow it. */
    public static CcpRouteControlRequest decodeControl(byte[] payload) {
        OerReader in = new OerReader(payload);
        int at = in.position();
        int modeCode = in.uint8();
        CcpMode mode;
        try {
            mode = CcpMode.of(modeCode);
        } catch (IllegalArgumentException e) {
            throw new CodecException(e.getMessage(), at);
        }
        UUID tableId = readUuid(in);
        long epoch = in.uint32();
        int count = count(in, 1, "features");
        List<String> features = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            features.add(in.varUtf8String(Limits.DATA_BYTES_MAX));
        }
        in.requireEnd();
        return new CcpRouteControlRequest(mode, tableId, epoch, features);
    }

    // ------------------------------------------------------------------ update payload

    public static byte[] encode(CcpRouteUpdateRequest request) {
        OerWriter out = new OerWriter(256);
        writeUuid(out, request.routingTableId());
        out.writeUInt32(request.currentEpochIndex())
                .writeUInt32(request.fromEpochIndex())
                .writeUInt32(request.toEpochIndex())
                .writeUInt32(request.holdDownTime())
                .writeVarIa5String(request.speaker())
                .writeVarUInt(request.newRoutes().size());
        for (CcpRoute route : request.newRoutes()) {
            out.writeVarIa5String(route.prefix()).writeVarUInt(route.path().size());
            for (String hop : route.path()) {
                out.writeVarIa5String(hop);
            }
            out.writeOctets(route.auth()).writeVarUInt(route.props().size());
            for (CcpRouteProp prop : route.props()) {
                out.writeUInt8(prop.meta()).writeUInt16(prop.id())
                        .writeVarOctetString(prop.value());
            }
        }
        out.writeVarUInt(request.withdrawnRoutes().size());
        for (String prefix : request.withdrawnRoutes()) {
            out.writeVarIa5String(prefix);
        }
        return out.toByteArray();
    }

    /** Decodes a route update payload; nothing may follow it. */
    public static CcpRouteUpdateRequest decodeUpdate(byte[] payload) {
        OerReader in = new OerReader(payload);
        UUID tableId = readUuid(in);
        long current = in.uint32();
        long from = in.uint32();
        long to = in.uint32();
        long holdDown = in.uint32();
        String speaker = address(in, false, "speaker");
        int routeCount = count(in, ROUTE_BYTES_MIN, "new routes");
        List<CcpRoute> routes = new ArrayList<>(routeCount);
        for (int i = 0; i < routeCount; i++) {
            routes.add(route(in));
        }
        int withdrawnCount = count(in, 1, "withdrawn routes");
        List<String> withdrawn = new ArrayList<>(withdrawnCount);
        for (int i = 0; i < withdrawnCount; i++) {
            withdrawn.add(address(in, true, "withdrawn prefix"));
        }
        in.requireEnd();
        return new CcpRouteUpdateRequest(tableId, current, from, to, holdDown, speaker, routes,
                withdrawn);
    }

    private static CcpRoute route(OerReader in) {
        String prefix = address(in, true, "route prefix");
        int hops = count(in, 1, "path hops");
        List<String> path = new ArrayList<>(hops);
        for (int i = 0; i < hops; i++) {
            path.add(address(in, false, "path hop"));
        }
        byte[] auth = in.octets(Limits.CONDITION_BYTES);
        int propCount = count(in, PROP_BYTES_MIN, "route props");
        List<CcpRouteProp> props = new ArrayList<>(propCount);
        for (int i = 0; i < propCount; i++) {
            int at = in.position();
            int meta = in.uint8();
            if ((meta & META_RESERVED) != 0) {
                throw new CodecException("route property meta has reserved bits set", at);
            }
            int id = in.uint16();
            byte[] value = in.varOctetString(Limits.DATA_BYTES_MAX);
            props.add(new CcpRouteProp((meta & 0x80) != 0, (meta & 0x40) != 0,
                    (meta & 0x20) != 0, (meta & 0x10) != 0, id, value));
        }
        return new CcpRoute(prefix, path, auth, props);
    }

    /**
     * A VarUInt count of items that take at least {@code itemBytesMin} each: checked against
     * the bytes left before anything is allocated for them.
     */
    private static int count(OerReader in, int itemBytesMin, String what) {
        int at = in.position();
        long n = in.varUInt();
        if (n < 0 || n > in.remaining() / itemBytesMin) {
            throw new CodecException(Long.toUnsignedString(n) + " " + what
                    + " cannot fit in the " + in.remaining() + " byte(s) left", at);
        }
        return (int) n;
    }

    private static String address(OerReader in, boolean prefix, String what) {
        int at = in.position();
        String value = in.varIa5String(Limits.ADDRESS_CHARS_MAX);
        String problem = prefix ? prefixProblem(value) : IlpAddress.problem(value);
        if (problem != null) {
            throw new CodecException("bad " + what + ": " + problem, at);
        }
        return value;
    }

    private static UUID readUuid(OerReader in) {
        byte[] b = in.octets(UUID_BYTES);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (b[i] & 0xff);
            low = (low << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(high, low);
    }

    private static void writeUuid(OerWriter out, UUID id) {
        out.writeUInt32(id.getMostSignificantBits() >>> 32)
                .writeUInt32(id.getMostSignificantBits() & UINT32_MAX)
                .writeUInt32(id.getLeastSignificantBits() >>> 32)
                .writeUInt32(id.getLeastSignificantBits() & UINT32_MAX);
    }

    // ------------------------------------------------------------------ value checks

    /**
     * Why {@code prefix} is no route prefix, or null: an ILP address (RFC 15) or a bare
     * allocation scheme such as {@code g} (a peer may announce one; routing decides).
     */
    public static String prefixProblem(String prefix) {
        if (prefix != null && !prefix.isEmpty() && prefix.indexOf('.') < 0) {
            return IlpAddress.problem(prefix + ".x") == null ? null : "unknown allocation scheme";
        }
        return IlpAddress.problem(prefix);
    }

    static void checkPrefix(String prefix, String what) {
        String problem = prefixProblem(prefix);
        if (problem != null) {
            throw new IllegalArgumentException(what + ": " + problem);
        }
    }

    static void checkAddress(String address, String what) {
        String problem = IlpAddress.problem(address);
        if (problem != null) {
            throw new IllegalArgumentException(what + ": " + problem);
        }
    }

    static void checkUInt32(long value, String what) {
        if (value < 0 || value > UINT32_MAX) {
            throw new IllegalArgumentException(what + " must be 0..4294967295");
        }
    }
}
