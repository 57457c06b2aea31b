package dev.ilpconnector.stream;

import dev.ilpconnector.Limits;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.oer.UInt64;
import dev.ilpconnector.codec.stream.StreamCrypto;
import dev.ilpconnector.codec.stream.StreamFrame;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionClose;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionNewAddress;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMoney;
import dev.ilpconnector.codec.stream.StreamKeys;
import dev.ilpconnector.codec.stream.StreamPacket;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The receiving end of STREAM (RFC 29) for SPSP (RFC 9) payments: hands out connection
 * addresses and shared secrets, and turns each Prepare for such an address into a
 * {@link StreamPrepare}. It never sends packets of its own (no rate probes); it tells its
 * asset and an unlimited receive max in its replies, ignores unknown frames and keeps the
 * money each stream received in fulfilled Prepares, for receipts (RFC 39). Connections are
 * recognised from their token alone (see {@link ConnectionToken}); their state is bounded to
 * {@code connectionsMax} and dropped after {@code sessionTtl} without a Prepare.
 * Thread-safe; never blocks (a few short locks), so it runs on WebSocket threads.
 */
public final class StreamReceiver {

    private static final Logger LOG = Logger.getLogger(StreamReceiver.class.getName());
    private static final byte[] SHARED_SECRET_LABEL =
            "ilp_stream_shared_secret".getBytes(StandardCharsets.US_ASCII);
    /** Money may go to this many streams of a connection (the JS sender uses one). */
    static final int STREAMS_PER_CONNECTION_MAX = 64;
    /** Expired connections are swept at most this often (the sweep walks the table). */
    static final long SWEEP_INTERVAL_MILLIS = 1_000;

    private final byte[] serverSecret;
    private final byte[] sharedSecretKey;
    private final Clock clock;
    private final int connectionsMax;
    private final long sessionTtlMillis;
    private final Random random;
    private final ConcurrentHashMap<String, Connection> connections = new ConcurrentHashMap<>();
    private final AtomicLong nextSweepMillis = new AtomicLong();

    /**
     * @param serverSecret 32 bytes; the same secret on restart keeps connections working
     * @param clock for session expiry
     * @param connectionsMax connections remembered at once (at least 1)
     * @param sessionTtl how long a connection without Prepares is remembered (positive)
     */
    public StreamReceiver(byte[] serverSecret, Clock clock, int connectionsMax,
            Duration sessionTtl) {
        this(serverSecret, clock, connectionsMax, sessionTtl, new SecureRandom());
    }

    /** With a chosen source of token nonces and IVs (tests reproduce vectors with it). */
    StreamReceiver(byte[] serverSecret, Clock clock, int connectionsMax, Duration sessionTtl,
            Random random) {
        if (serverSecret.length != StreamCrypto.KEY_BYTES) {
            throw new IllegalArgumentException("server secret must be 32 bytes");
        }
        if (connectionsMax < 1) {
            throw new IllegalArgumentException("connectionsMax must be at least 1");
        }
        if (sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("sessionTtl must be positive");
        }
        this.serverSecret = serverSecret.clone();
        this.sharedSecretKey = StreamCrypto.hmacSha256(this.serverSecret, SHARED_SECRET_LABEL);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connectionsMax = connectionsMax;
        this.sessionTtlMillis = sessionTtl.toMillis();
        this.random = random;
    }

    /**
     * A new connection for a payment: address {@code baseAddress.<token>} and its secret.
     *
     * @param paymentId 1..128 UTF-8 bytes, carried in the token
     * @param receipt the sender's receipt nonce and secret, when it asked for receipts
     * @throws IllegalArgumentException when the payment id is empty or too long
     */
    public StreamCredentials newConnection(IlpAddress baseAddress, String paymentId,
            Optional<ReceiptRequest> receipt) {
        Objects.requireNonNull(baseAddress, "baseAddress");
        if (paymentId.isEmpty()) {
            throw new IllegalArgumentException("paymentId is empty");
        }
        byte[] token = ConnectionToken.seal(serverSecret, paymentId, receipt, random);
        return new StreamCredentials(baseAddress.with(ConnectionToken.text(token)),
                sharedSecret(token));
    }

    byte[] sharedSecret(byte[] token) {
        return StreamCrypto.hmacSha256(sharedSecretKey, token);
    }

    /**
     * Reads a Prepare addressed under {@code baseAddress} and says how to answer it. Never
     * throws for anything in the Prepare.
     *
     * @param asset what the receiver is paid in, told to the sender
     */
    public StreamPrepare open(IlpPrepare prepare, IlpAddress baseAddress, ReceiverAsset asset) {
        String token = tokenSegment(prepare.destination(), baseAddress);
        long now = clock.millis();
        Connection known = token == null ? null : connections.get(token);
        boolean fresh = known == null || known.expired(now, sessionTtlMillis);
        Connection connection = fresh ? recognise(token, now) : known;
        if (connection == null) {
            LOG.fine(() -> "event=stream_unknown_connection destination="
                    + prepare.destination());
            return new Undecryptable(IlpReject.of(IlpErrorCode.F02_UNREACHABLE, baseAddress,
                    "no such STREAM connection"));
        }
        StreamPacket request;
        try {
            request = connection.keys.open(prepare.data());
        } catch (CodecException e) {
            LOG.fine(() -> "event=stream_undecryptable connection=" + connection.id
                    + " reason=" + e.getMessage());
            return new Undecryptable(IlpReject.of(IlpErrorCode.F06_UNEXPECTED_PAYMENT,
                    baseAddress, "cannot decrypt STREAM data"));
        }
        boolean tellAsset = fresh || request.frames().stream()
                .anyMatch(f -> f instanceof ConnectionNewAddress);
        Context context = new Context(baseAddress, asset, tellAsset, prepare.amount());
        Connection live = fresh ? admit(connection, now) : connection;
        if (live == null) {
            return context.unfulfillable(connection, request,
                    IlpErrorCode.T03_CONNECTOR_BUSY, "receiver busy: too many connections");
        }
        live.seen(now);
        if (request.frames().stream().anyMatch(f -> f instanceof ConnectionClose)) {
            // RFC 29 §5.3.1: the sender is done; free the slot (a later Prepare re-admits it)
            connections.remove(live.id, live);
        }
        return classify(prepare, live, request, context);
    }

    private StreamPrepare classify(IlpPrepare prepare, Connection connection,
            StreamPacket request, Context context) {
        long amount = prepare.amount();
        if (request.ilpPacketType() != StreamPacket.ILP_PREPARE) {
            return context.unfulfillable(connection, request,
                    IlpErrorCode.F99_APPLICATION_ERROR, "STREAM packet type is not Prepare");
        }
        // RFC 29 §5.2: the prepare amount is the least the sender lets the receiver accept
        if (UInt64.compare(amount, request.prepareAmount()) < 0) {
            return context.unfulfillable(connection, request,
                    IlpErrorCode.F99_APPLICATION_ERROR, "amount below the prepare amount");
        }
        byte[] data = prepare.data();
        if (!connection.keys.canFulfill(data, prepare.executionCondition())) {
            // probes and closing packets carry a random condition on purpose
            return context.unfulfillable(connection, request,
                    IlpErrorCode.F99_APPLICATION_ERROR, "");
        }
        Map<Long, Long> split = split(amount, request.frames());
        if (split == null) {
            return context.unfulfillable(connection, request,
                    IlpErrorCode.F99_APPLICATION_ERROR, "money without StreamMoney shares");
        }
        int newStreams = 0;
        for (Long id : split.keySet()) {
            newStreams += connection.knows(id) ? 0 : 1;
        }
        if (connection.streamCount() + newStreams > STREAMS_PER_CONNECTION_MAX) {
            return context.unfulfillable(connection, request,
                    IlpErrorCode.F99_APPLICATION_ERROR, "too many streams");
        }
        long[] ids = new long[split.size()];
        long[] amounts = new long[split.size()];
        int i = 0;
        for (Map.Entry<Long, Long> e : split.entrySet()) {
            ids[i] = e.getKey();
            amounts[i++] = e.getValue();
        }
        return new Payable(context, connection, request, amount,
                connection.keys.fulfillment(data), ids, amounts);
    }

    /**
     * The amount per stream by StreamMoney shares (RFC 29 §5.3.11), the remainder of the
     * division to the last stream; empty for a zero amount; null when money has no shares.
     */
    static Map<Long, Long> split(long amount, List<StreamFrame> frames) {
        List<StreamMoney> money = new ArrayList<>(2);
        BigInteger shares = BigInteger.ZERO;
        for (StreamFrame frame : frames) {
            if (frame instanceof StreamMoney m) {
                money.add(m);
                shares = shares.add(unsigned(m.shares()));
            }
        }
        Map<Long, Long> split = new LinkedHashMap<>();
        if (amount == 0) {
            return split;
        }
        if (shares.signum() == 0) {
            return null;
        }
        BigInteger total = unsigned(amount);
        long left = amount;
        for (int i = 0; i < money.size(); i++) {
            StreamMoney m = money.get(i);
            long part = i == money.size() - 1 ? left
                    : total.multiply(unsigned(m.shares())).divide(shares).longValue();
            left -= part;
            split.merge(m.streamId(), part, Long::sum);
        }
        return split;
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(UInt64.format(value));
    }

    /** The connection the token names, from its bytes alone; null when not ours. */
    private Connection recognise(String token, long now) {
        if (token == null) {
            return null;
        }
        byte[] bytes = ConnectionToken.bytes(token);
        if (bytes == null) {
            return null;
        }
        try {
            ConnectionToken.Contents contents = ConnectionToken.open(serverSecret, bytes);
            return new Connection(token, contents.paymentId(),
                    StreamKeys.fromSharedSecret(sharedSecret(bytes)), contents.receipt(), now);
        } catch (CodecException notOurs) {
            return null;
        }
    }

    /**
     * Remembers a connection and returns the one to use (another thread's, when it admitted
     * the same token first); null when the table is full of live connections.
     */
    private Connection admit(Connection connection, long now) {
        if (connections.size() >= connectionsMax) {
            sweep(now);
        }
        if (connections.size() >= connectionsMax) {
            LOG.log(Level.FINE, "event=stream_connections_full max={0}", connectionsMax);
            return null;
        }
        return connections.merge(connection.id, connection,
                (old, replacement) -> old.expired(now, sessionTtlMillis) ? replacement : old);
    }

    private void sweep(long now) {
        long next = nextSweepMillis.get();
        if (now < next || !nextSweepMillis.compareAndSet(next, now + SWEEP_INTERVAL_MILLIS)) {
            return;
        }
        connections.values().removeIf(c -> c.expired(now, sessionTtlMillis));
    }

    /** Connections remembered now (expired ones linger until swept). */
    public int connectionCount() {
        return connections.size();
    }

    /** The token segment right under the base address, or null. */
    private static String tokenSegment(IlpAddress destination, IlpAddress baseAddress) {
        String d = destination.value();
        String base = baseAddress.value();
        if (!destination.startsWith(baseAddress) || d.length() == base.length()) {
            return null;
        }
        int start = base.length() + 1;
        int end = d.indexOf('.', start);
        return d.substring(start, end < 0 ? d.length() : end);
    }

    /**
     * Decrypts a logged Prepare and its answer for a connection this receiver issued (the
     * explorer's STREAM view); the keys stay here.
     *
     * @param response the Fulfill or Reject, or null while none came
     * @return empty when the address is no connection of this receiver or the Prepare's data
     *     does not decrypt
     */
    public Optional<StreamExchange> decrypt(IlpPrepare prepare, IlpResponse response,
            IlpAddress baseAddress) {
        String token = tokenSegment(prepare.destination(), baseAddress);
        Connection connection = recognise(token, clock.millis());
        if (connection == null) {
            return Optional.empty();
        }
        try {
            StreamPacket request = connection.keys.open(prepare.data());
            Optional<StreamPacket> reply = Optional.empty();
            if (response != null && response.dataLength() > 0) {
                try {
                    reply = Optional.of(connection.keys.open(response.data()));
                } catch (CodecException notStream) {
                    reply = Optional.empty(); // an intermediary's reject carries other data
                }
            }
            return Optional.of(new StreamExchange(connection.id, connection.paymentId,
                    request, reply));
        } catch (CodecException notStream) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "StreamReceiver[connections=" + connections.size() + ", max=" + connectionsMax
                + "]";
    }

    /** What one answer needs besides the connection: where, in what asset, how much. */
    record Context(IlpAddress baseAddress, ReceiverAsset asset, boolean tellAsset,
            long amount) {

        IlpReject reject(Connection connection, StreamPacket request, IlpErrorCode code,
                String message) {
            String text = fitted(message == null ? "" : message);
            StreamPacket reply = new StreamPacket(StreamPacket.ILP_REJECT, request.sequence(),
                    amount, Replies.frames(request, connection, asset, tellAsset));
            return new IlpReject(code, baseAddress.value(), text,
                    connection.keys.seal(reply));
        }

        /** RFC 27 caps a reject message at 8191 UTF-8 bytes; longer ones are cut. */
        private static String fitted(String message) {
            if (message.length() * 3 <= Limits.REJECT_MESSAGE_BYTES_MAX
                    || message.getBytes(StandardCharsets.UTF_8).length
                            <= Limits.REJECT_MESSAGE_BYTES_MAX) {
                return message;
            }
            int bytes = 0;
            int end = 0;
            while (end < message.length()) {
                int cp = message.codePointAt(end);
                int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (bytes + n > Limits.REJECT_MESSAGE_BYTES_MAX) {
                    break;
                }
                bytes += n;
                end += Character.charCount(cp);
            }
            return message.substring(0, end);
        }

        Unfulfillable unfulfillable(Connection connection, StreamPacket request,
                IlpErrorCode code, String message) {
            return new Unfulfillable(connection.id, request,
                    reject(connection, request, code, message));
        }
    }
}
