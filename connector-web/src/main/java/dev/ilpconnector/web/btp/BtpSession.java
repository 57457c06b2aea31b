package dev.ilpconnector.web.btp;

import static dev.ilpconnector.codec.btp.BtpProtocolData.AUTH;
import static dev.ilpconnector.codec.btp.BtpProtocolData.AUTH_TOKEN;
import static dev.ilpconnector.codec.btp.BtpProtocolData.AUTH_USERNAME;
import static dev.ilpconnector.codec.btp.BtpProtocolData.ILP;

import dev.ilpconnector.codec.btp.BtpCodec;
import dev.ilpconnector.codec.btp.BtpError;
import dev.ilpconnector.codec.btp.BtpMessage;
import dev.ilpconnector.codec.btp.BtpPacket;
import dev.ilpconnector.codec.btp.BtpProtocolData;
import dev.ilpconnector.codec.btp.BtpResponse;
import dev.ilpconnector.codec.btp.BtpTransfer;
import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.packetswitch.Link;
import dev.ilpconnector.packetswitch.LinkDownException;
import dev.ilpconnector.packetswitch.PeerLoad;
import dev.ilpconnector.packetswitch.SubProtocolException;
import dev.ilpconnector.packetswitch.SubProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One BTP 2.0 connection (RFC 23), server or client side alike: authentication, incoming
 * Messages handed to the switch, outgoing Prepares correlated with their Responses. Once
 * authenticated it is the peer's {@link Link}.
 *
 * <p>Threading: {@link #onFrame} is called by one thread at a time (the WebSocket container
 * delivers a session's messages in order); {@link #sendPrepare}, {@link #onClosed} and the
 * completions of the switch's futures come from any thread. Nothing here blocks or waits.
 */
public final class BtpSession implements Link {

    /** RFC 23 §Error Codes used here. */
    static final String F00 = "F00";
    static final String F00_NAME = "NotAcceptedError";
    static final String F01 = "F01";
    static final String F01_NAME = "InvalidFieldsError";
    static final String T00 = "T00";
    static final String T00_NAME = "UnreachableError";

    /** RFC 23 §BTP Type IDs. */
    private static final int TYPE_RESPONSE = 1;
    private static final int TYPE_ERROR = 2;
    private static final int TYPE_MESSAGE = 6;
    private static final int TYPE_TRANSFER = 7;
    /** Type (1 byte) + requestId (uint32): what must be readable to answer a broken frame. */
    private static final int HEADER_BYTES = 5;
    private static final long UINT32_MASK = 0xFFFF_FFFFL;

    private static final Logger LOG = Logger.getLogger(BtpSession.class.getName());
    /** Refused logins of all sessions share one rate limit. */
    private static final AuthFailureLog AUTH_FAILURES =
            new AuthFailureLog(System::currentTimeMillis);

    /** REPLACED: a newer session of the peer took over; this one drains, then closes. */
    enum State { AWAITING_AUTH, AUTHENTICATING, OPEN, REPLACED, CLOSED }

    private final FrameSender sender;
    private final BtpServices services;
    private final boolean server;
    private final ConcurrentMap<Long, CompletableFuture<IlpResponse>> pending =
            new ConcurrentHashMap<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    /** Our sub-protocol requests (Messages, Transfers) waiting for the peer's answer. */
    private final ConcurrentMap<Long, CompletableFuture<List<BtpProtocolData>>> requests =
            new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong nextRequestId;
    private final CompletableFuture<Void> authResult = new CompletableFuture<>();
    private final AtomicBoolean drainedClose = new AtomicBoolean();
    /** What the peer's sessions hold together; set when the peer is known (authenticated). */
    private volatile PeerLoad load;

    private volatile State state;
    private volatile String peerId;
    private volatile long authRequestId = -1;
    /** Where the peer connects from, for the log; set by the endpoint when it knows. */
    private volatile String remoteAddress = HandshakeGuard.UNKNOWN_ADDRESS;

    BtpSession(FrameSender sender, BtpServices services, boolean server, String peerId,
               long firstRequestId) {
        this.sender = sender;
        this.services = services;
        this.server = server;
        this.peerId = peerId;
        this.state = State.AWAITING_AUTH;
        this.nextRequestId = new AtomicLong(firstRequestId & UINT32_MASK);
    }

    /** A session accepted by our {@code /btp} endpoint: the peer must authenticate first. */
    public static BtpSession server(FrameSender sender, BtpServices services) {
        return new BtpSession(sender, services, true, "", randomRequestId());
    }

    /** The remote address of a server session, for the refused-login warning. */
    public void remoteAddress(String address) {
        remoteAddress = address;
    }

    /** A session we opened to {@code peerId}; call {@link #authenticate} next. */
    public static BtpSession client(String peerId, FrameSender sender, BtpServices services) {
        return new BtpSession(sender, services, false, peerId, randomRequestId());
    }

    /** A random start makes ids of successive sessions unlikely to meet (RFC 23 §Overview). */
    private static long randomRequestId() {
        return ThreadLocalRandom.current().nextLong() & UINT32_MASK;
    }

    @Override
    public String peerId() {
        return peerId;
    }

    @Override
    public boolean isConnected() {
        return state == State.OPEN;
    }

    State state() {
        return state;
    }

    /** Incoming Prepares handed to the switch and not answered yet. */
    int inFlight() {
        return inFlight.get();
    }

    /** Outgoing Prepares waiting for the peer's answer. */
    int pending() {
        return pendingCount.get();
    }

    // ------------------------------------------------------------------ client: authenticate

    /**
     * Client side of RFC 23 §Authentication: sends the auth Message; the stage completes when
     * the peer answers Response (the link is then registered) and fails on Error, on close or
     * when the frame cannot be sent.
     */
    public CompletableFuture<Void> authenticate(String username, String token) {
        if (server || state != State.AWAITING_AUTH) {
            throw new IllegalStateException("authenticate is for a new client session");
        }
        long requestId = newRequestId();
        authRequestId = requestId;
        state = State.AUTHENTICATING;
        List<BtpProtocolData> auth = List.of(BtpProtocolData.auth(),
                BtpProtocolData.authUsername(username), BtpProtocolData.authToken(token));
        send(new BtpMessage(requestId, auth)).whenComplete((ok, failure) -> {
            if (failure != null) {
                authResult.completeExceptionally(new LinkDownException("auth not sent"));
            }
        });
        return authResult;
    }

    /**
     * Completes when the session authenticated (either side), exceptionally when it failed or
     * closed first: what the auth deadline's timer is cancelled on.
     */
    CompletableFuture<Void> authenticated() {
        return authResult;
    }

    /** The peer was removed or changed at run time: end the session. */
    @Override
    public void close(String reason) {
        sender.close(reason);
    }

    /** Closes the session when it has not authenticated in time (RFC 23 §Authentication). */
    public void authDeadlinePassed() {
        if (state == State.AWAITING_AUTH || state == State.AUTHENTICATING) {
            LOG.fine(() -> "btp.auth.timeout peer=" + peerId + " server=" + server);
            authResult.completeExceptionally(new LinkDownException("auth timed out"));
            sender.close("auth timeout");
        }
    }

    // ------------------------------------------------------------------ incoming frames

    /** One binary WebSocket message from the peer. Decodes, checks and hands off; never waits. */
    public void onFrame(byte[] frame) {
        if (state == State.CLOSED) {
            return;
        }
        BtpPacket packet;
        try {
            packet = BtpCodec.decode(frame);
        } catch (CodecException e) {
            onMalformed(frame, e);
            return;
        }
        if (state == State.AWAITING_AUTH && server) {
            onAuth(packet);
        } else if (packet instanceof BtpMessage message) {
            onMessage(message);
        } else if (packet instanceof BtpTransfer transfer) {
            onTransfer(transfer);
        } else {
            onReply(packet);
        }
    }

    /** The WebSocket is gone: unregister, and fail whatever waits on this session. */
    public void onClosed() {
        State was = state;
        state = State.CLOSED;
        if (was == State.REPLACED) {
            load.draining.decrementAndGet();
        }
        services.links().unregister(this);
        LinkDownException down = new LinkDownException("peer=" + peerId + " link closed");
        authResult.completeExceptionally(down);
        // Completing removes each entry (see sendPrepare), so iterate over a snapshot.
        for (CompletableFuture<IlpResponse> waiting : List.copyOf(pending.values())) {
            waiting.completeExceptionally(down);
        }
        for (CompletableFuture<List<BtpProtocolData>> waiting : List.copyOf(requests.values())) {
            waiting.completeExceptionally(down);
        }
    }

    /** RFC 23 §Authentication: the first frame must be an auth Message, else Error and close. */
    private void onAuth(BtpPacket packet) {
        long requestId = packet.requestId();
        String problem = authProblem(packet);
        if (problem != null) {
            refuseAuth(requestId, problem);
            return;
        }
        List<BtpProtocolData> data = packet.protocolData();
        String username = BtpProtocolData.find(data, AUTH_USERNAME)
                .map(BtpProtocolData::dataAsText).orElse("");
        String token = BtpProtocolData.find(data, AUTH_TOKEN).orElseThrow()
                .dataAsText();
        Optional<String> peer = services.authenticator().authenticate(username, token);
        if (peer.isEmpty()) {
            AUTH_FAILURES.refused(username, remoteAddress, "unknown peer or wrong token");
            refuseAuth(requestId, "invalid auth_username or auth_token");
            return;
        }
        if (services.links().load(peer.get()).stalledWriters.get()
                >= BtpLimits.STALLED_WRITERS_PER_PEER_MAX) {
            // Each such connection holds one of our threads until it breaks: no more of them.
            AUTH_FAILURES.refused(peer.get(), remoteAddress, "connections that do not read");
            refuseAuth(requestId, "too many of this peer's connections do not read their frames");
            return;
        }
        peerId = peer.get();
        state = State.OPEN;
        // The Response is queued before the link is registered, so the peer reads it before
        // any Prepare we forward to it.
        send(new BtpResponse(requestId, List.of()));
        register();
        authResult.complete(null);
    }

    private static String authProblem(BtpPacket packet) {
        List<BtpProtocolData> data = packet.protocolData();
        if (!(packet instanceof BtpMessage) || data.isEmpty()
                || !AUTH.equals(data.get(0).protocolName())) {
            return "first packet must be a Message with the auth sub-protocol first";
        }
        Set<String> names = new HashSet<>();
        for (BtpProtocolData entry : data) {
            if (!names.add(entry.protocolName())) {
                return "duplicate sub-protocol " + entry.protocolName();
            }
        }
        return names.contains(AUTH_TOKEN) ? null : "auth_token missing";
    }

    private void refuseAuth(long requestId, String reason) {
        LOG.fine(() -> "btp.auth.refused reason=\"" + reason + "\"");
        state = State.CLOSED;
        send(error(requestId, F00, F00_NAME, reason))
                .whenComplete((ok, failure) -> sender.close("authentication failed"));
    }

    private void register() {
        load = services.links().load(peerId);
        sender.chargeTo(load);
        services.links().register(this);
        // A close that raced with the registration must not leave a dead link behind.
        if (state == State.CLOSED) {
            services.links().unregister(this);
        }
        LOG.info(() -> "btp.link.up peer=" + peerId + " side=" + (server ? "server" : "client"));
    }

    /** RFC 23 §Message: an ILP Prepare in the {@code ilp} sub-protocol goes to the switch. */
    private void onMessage(BtpMessage message) {
        long requestId = message.requestId();
        Optional<BtpProtocolData> ilp = BtpProtocolData.find(message.protocolData(), ILP);
        if (state == State.REPLACED) {
            refuseReplaced(requestId, ilp.isPresent());
            return;
        }
        if (state != State.OPEN) {
            send(error(requestId, F00, F00_NAME, "not authenticated"));
            return;
        }
        if (ilp.isEmpty()) {
            SubProtocolHandler handler = services.subProtocols().handlerFor(message.protocolData());
            if (handler == null) {
                // Nothing we act on: acknowledge it, as RFC 23 asks of unknown sub-protocols.
                LOG.fine(() -> "btp.message.ignored peer=" + peerId + " requestId=" + requestId);
                send(new BtpResponse(requestId, List.of()));
            } else {
                answerSubProtocol(requestId, () -> handler.onMessage(peerId,
                        message.protocolData()));
            }
            return;
        }
        IlpPrepare prepare;
        try {
            prepare = ilp.get().decodeData(IlpCodec::decodePrepare);
        } catch (CodecException e) {
            // The codec boundary for ILP: a broken packet is an F01 reject (RFC 27 §F01).
            LOG.fine(() -> "btp.ilp.malformed peer=" + peerId + " reason=\"" + e.getMessage()
                    + "\"");
            respond(requestId, services.rejects().reject(IlpErrorCode.F01_INVALID_PACKET,
                    e.getMessage()));
            return;
        }
        // Counted before the state is read again: a replacement racing with this Prepare
        // either sees it in flight and waits for it, or this sees the replacement.
        inFlight.incrementAndGet();
        if (state != State.OPEN) {
            inFlight.decrementAndGet();
            refuseReplaced(requestId, true);
            closeIfDrained();
            return;
        }
        // Counted per peer: more sessions do not buy a peer more room.
        if (load.incoming.incrementAndGet() > BtpLimits.IN_FLIGHT_PER_PEER_MAX) {
            load.incoming.decrementAndGet();
            inFlight.decrementAndGet();
            LOG.fine(() -> "btp.busy peer=" + peerId + " inFlight=" + load.incoming.get());
            respond(requestId, services.rejects().reject(IlpErrorCode.T03_CONNECTOR_BUSY,
                    "too many packets in flight from this peer"));
            return;
        }
        handOff(requestId, prepare);
    }

    private void handOff(long requestId, IlpPrepare prepare) {
        CompletableFuture<IlpResponse> outcome;
        try {
            outcome = services.prepareHandler().handle(peerId, prepare);
        } catch (RuntimeException e) {
            // The switch promises not to throw; if it does anyway the peer still gets an answer.
            LOG.log(Level.SEVERE, "btp.switch.threw peer=" + peerId, e);
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((response, failure) -> {
            load.incoming.decrementAndGet();
            inFlight.decrementAndGet();
            if (failure != null) {
                LOG.log(Level.WARNING, "btp.switch.failed peer=" + peerId, failure);
                respond(requestId, services.rejects().reject(IlpErrorCode.T00_INTERNAL_ERROR,
                        "internal error"));
            } else {
                respond(requestId, response);
            }
            closeIfDrained();
        });
    }

    /**
     * RFC 23 §Transfer: value moved by a sub-protocol (a settlement claim) goes to its handler;
     * a Transfer no handler speaks is acknowledged and credits nothing.
     */
    private void onTransfer(BtpTransfer transfer) {
        if (state == State.REPLACED) {
            refuseReplaced(transfer.requestId(), false);
            return;
        }
        if (state != State.OPEN) {
            send(error(transfer.requestId(), F00, F00_NAME, "not authenticated"));
            return;
        }
        SubProtocolHandler handler = services.subProtocols().handlerFor(transfer.protocolData());
        if (handler == null) {
            LOG.fine(() -> "btp.transfer.ignored peer=" + peerId + " amount="
                    + Long.toUnsignedString(transfer.amount()));
            send(new BtpResponse(transfer.requestId(), List.of()));
            return;
        }
        answerSubProtocol(transfer.requestId(), () -> handler.onTransfer(peerId,
                transfer.amount(), transfer.protocolData()));
    }

    /** Runs a sub-protocol handler and answers its outcome as a BTP Response or Error. */
    private void answerSubProtocol(long requestId,
                                   Supplier<CompletionStage<List<BtpProtocolData>>> call) {
        CompletionStage<List<BtpProtocolData>> outcome;
        try {
            outcome = call.get();
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((data, failure) -> {
            if (failure == null) {
                send(new BtpResponse(requestId, data));
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof SubProtocolException refused) {
                LOG.fine(() -> "btp.subprotocol.refused peer=" + peerId + " code="
                        + refused.code() + " reason=\"" + refused.getMessage() + "\"");
                send(error(requestId, refused.code(), refused.name(),
                        String.valueOf(refused.getMessage())));
            } else {
                LOG.log(Level.WARNING, "btp.subprotocol.failed peer=" + peerId, cause);
                send(error(requestId, T00, T00_NAME, "internal error"));
            }
        });
    }

    /** A Response or Error: it answers one of our requests, or it is dropped (RFC 23 §Flow). */
    private void onReply(BtpPacket reply) {
        long requestId = reply.requestId();
        if (state == State.AUTHENTICATING && requestId == authRequestId) {
            onAuthReply(reply);
            return;
        }
        CompletableFuture<List<BtpProtocolData>> request = requests.get(requestId);
        if (request != null) {
            if (reply instanceof BtpError error) {
                request.completeExceptionally(new SubProtocolException(error.code(), error.name(),
                        new String(error.data(), StandardCharsets.UTF_8)));
            } else {
                request.complete(reply.protocolData());
            }
            return;
        }
        CompletableFuture<IlpResponse> waiting = pending.get(requestId);
        if (waiting == null) {
            // Unexpected: answering would risk a feedback loop, so RFC 23 §Flow says stay quiet.
            LOG.fine(() -> "btp.reply.unexpected peer=" + peerId + " requestId=" + requestId);
            return;
        }
        waiting.complete(toIlpResponse(reply));
    }

    private void onAuthReply(BtpPacket reply) {
        if (reply instanceof BtpError error) {
            LOG.warning(() -> "btp.auth.refused peer=" + peerId + " code=" + error.code()
                    + " name=" + error.name());
            state = State.CLOSED;
            authResult.completeExceptionally(new LinkDownException(
                    "peer refused auth: " + error.code() + " " + error.name()));
            sender.close("authentication refused");
            return;
        }
        state = State.OPEN;
        register();
        authResult.complete(null);
    }

    private IlpResponse toIlpResponse(BtpPacket reply) {
        if (reply instanceof BtpError error) {
            return services.rejects().reject(IlpErrorCode.T01_PEER_UNREACHABLE,
                    "peer answered BTP error " + error.code() + " " + error.name());
        }
        Optional<BtpProtocolData> ilp = BtpProtocolData.find(reply.protocolData(), ILP);
        if (ilp.isEmpty()) {
            return services.rejects().reject(IlpErrorCode.T01_PEER_UNREACHABLE,
                    "peer answered without an ILP packet");
        }
        try {
            return ilp.get().decodeData(IlpCodec::decodeResponse);
        } catch (CodecException e) {
            // The outcome at the peer is unknown: a temporary reject, never counted as paid.
            LOG.fine(() -> "btp.reply.malformed peer=" + peerId + " reason=\"" + e.getMessage()
                    + "\"");
            return services.rejects().reject(IlpErrorCode.T01_PEER_UNREACHABLE,
                    "peer answered a malformed ILP packet");
        }
    }

    /**
     * A frame the codec refused. RFC 23 §Flow asks not to answer unreadable packets (feedback
     * loops); we answer a request whose type and requestId are readable with an F01 Error so its
     * sender does not wait in vain, and a broken reply fails the request it answers. The session
     * stays up, except before authentication, where any violation closes it.
     */
    private void onMalformed(byte[] frame, CodecException e) {
        LOG.fine(() -> "btp.frame.malformed peer=" + peerId + " reason=\"" + e.getMessage()
                + "\"");
        if (frame.length < HEADER_BYTES) {
            closeIfUnauthenticated();
            return;
        }
        int type = frame[0] & 0xFF;
        long requestId = ((frame[1] & 0xFFL) << 24) | ((frame[2] & 0xFFL) << 16)
                | ((frame[3] & 0xFFL) << 8) | (frame[4] & 0xFFL);
        if (type == TYPE_MESSAGE || type == TYPE_TRANSFER) {
            if (state == State.AWAITING_AUTH && server) {
                refuseAuth(requestId, "malformed auth message");
                return;
            }
            send(error(requestId, F01, F01_NAME, e.getMessage()));
        } else if (type == TYPE_RESPONSE || type == TYPE_ERROR) {
            CompletableFuture<IlpResponse> waiting = pending.get(requestId);
            if (waiting != null) {
                waiting.complete(services.rejects().reject(IlpErrorCode.T01_PEER_UNREACHABLE,
                        "peer answered a malformed BTP packet"));
            }
            CompletableFuture<List<BtpProtocolData>> request = requests.get(requestId);
            if (request != null) {
                request.completeExceptionally(SubProtocolException.invalidFields(
                        "peer answered a malformed BTP packet"));
            }
            closeIfUnauthenticated();
        } else {
            closeIfUnauthenticated();
        }
    }

    private void closeIfUnauthenticated() {
        if (state == State.AWAITING_AUTH || state == State.AUTHENTICATING) {
            state = State.CLOSED;
            authResult.completeExceptionally(new LinkDownException("malformed frame before auth"));
            sender.close("malformed frame before authentication");
        }
    }

    // ------------------------------------------------------------------ replacement

    /**
     * The peer authenticated a newer session, which is now its link. This one takes no new
     * work, but answers the Prepares in flight on it either way (the switch answers each by its
     * expiry, and the peer's answers to ours still arrive here), then closes. Past
     * {@link BtpLimits#DRAINING_PER_PEER_MAX} such sessions of one peer it closes at once: what
     * we sent on it is then rejected T01 upstream.
     */
    @Override
    public void replaced() {
        if (state != State.OPEN) {
            return;
        }
        state = State.REPLACED;
        int draining = load.draining.incrementAndGet();
        LOG.fine(() -> "btp.session.replaced peer=" + peerId + " inFlight=" + inFlight.get()
                + " pending=" + pendingCount.get() + " draining=" + draining);
        if (draining > BtpLimits.DRAINING_PER_PEER_MAX) {
            sender.close("replaced by a newer session");
            return;
        }
        closeIfDrained();
    }

    /** A replaced session closes once nothing is in flight on it any more. */
    private void closeIfDrained() {
        if (state == State.REPLACED && inFlight.get() == 0 && pendingCount.get() == 0
                && requests.isEmpty() && drainedClose.compareAndSet(false, true)) {
            sender.close("replaced by a newer session");
        }
    }

    /**
     * New work on a replaced session: a Prepare gets T01 (the peer retries on its new session);
     * anything else a BTP error. Route updates are Prepares too, so none sent here is applied.
     */
    private void refuseReplaced(long requestId, boolean ilp) {
        if (ilp) {
            respond(requestId, services.rejects().reject(IlpErrorCode.T01_PEER_UNREACHABLE,
                    "session replaced by a newer one of the same peer"));
        } else {
            send(error(requestId, T00, T00_NAME, "session replaced by a newer one"));
        }
    }

    // ------------------------------------------------------------------ outgoing Prepares

    /**
     * Sends the Prepare in a BTP Message under a fresh requestId. The entry leaves the pending
     * map when the future completes, whoever completes it (the peer's answer, the switch's
     * timeout, a close). Over {@link BtpLimits#PENDING_PER_PEER_MAX} for the peer it is
     * rejected T03 unsent.
     */
    @Override
    public CompletableFuture<IlpResponse> sendPrepare(IlpPrepare prepare) {
        if (state != State.OPEN) {
            return CompletableFuture.failedFuture(
                    new LinkDownException("peer=" + peerId + " link not open"));
        }
        PeerLoad peer = load;
        if (peer.outgoing.incrementAndGet() > BtpLimits.PENDING_PER_PEER_MAX) {
            peer.outgoing.decrementAndGet();
            return CompletableFuture.completedFuture(services.rejects().reject(
                    IlpErrorCode.T03_CONNECTOR_BUSY, "too many packets in flight to next hop"));
        }
        pendingCount.incrementAndGet();
        CompletableFuture<IlpResponse> result = new CompletableFuture<>();
        long requestId = newRequestId();
        pending.put(requestId, result);
        result.whenComplete((response, failure) -> {
            pending.remove(requestId, result);
            peer.outgoing.decrementAndGet();
            pendingCount.decrementAndGet();
            closeIfDrained();
        });
        try {
            byte[] ilp = IlpCodec.encode(prepare);
            send(new BtpMessage(requestId, List.of(BtpProtocolData.ilp(ilp))))
                    .whenComplete((ok, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(new LinkDownException(
                                    "peer=" + peerId + " frame not sent"));
                        }
                    });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public CompletableFuture<List<BtpProtocolData>> sendMessage(List<BtpProtocolData> data) {
        return request(requestId -> new BtpMessage(requestId, data));
    }

    @Override
    public CompletableFuture<List<BtpProtocolData>> sendTransfer(long amount,
                                                                 List<BtpProtocolData> data) {
        return request(requestId -> new BtpTransfer(requestId, amount, data));
    }

    /**
     * Sends a sub-protocol request; the entry leaves {@link #requests} when the future
     * completes, whoever completes it (the answer, a close, the caller's own timeout).
     */
    private CompletableFuture<List<BtpProtocolData>> request(LongFunction<BtpPacket> build) {
        if (state != State.OPEN) {
            return CompletableFuture.failedFuture(
                    new LinkDownException("peer=" + peerId + " link not open"));
        }
        if (requests.size() >= BtpLimits.PENDING_PER_PEER_MAX) {
            return CompletableFuture.failedFuture(SubProtocolException.temporary(
                    "too many requests in flight to peer " + peerId));
        }
        CompletableFuture<List<BtpProtocolData>> result = new CompletableFuture<>();
        long requestId = newRequestId();
        requests.put(requestId, result);
        result.whenComplete((data, failure) -> {
            requests.remove(requestId, result);
            closeIfDrained();
        });
        try {
            send(build.apply(requestId)).whenComplete((ok, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(new LinkDownException(
                            "peer=" + peerId + " frame not sent"));
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * RFC 23 §Flow: no two requests in flight may share a requestId. Sequential from a random
     * start, wrapping at 2^32, skipping ids still pending (the map is bounded, so this ends).
     */
    private long newRequestId() {
        long id;
        do {
            id = nextRequestId.getAndIncrement() & UINT32_MASK;
        } while (pending.containsKey(id) || requests.containsKey(id));
        return id;
    }

    // ------------------------------------------------------------------ writing

    private void respond(long requestId, IlpResponse response) {
        byte[] ilp = IlpCodec.encode(response);
        send(new BtpResponse(requestId, List.of(BtpProtocolData.ilp(ilp))))
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        // The peer will time the Prepare out; nothing else can be done.
                        LOG.fine(() -> "btp.response.unsent peer=" + peerId + " requestId="
                                + requestId);
                    }
                });
    }

    private CompletionStage<Void> send(BtpPacket packet) {
        return sender.send(BtpCodec.encode(packet));
    }

    private static BtpError error(long requestId, String code, String name, String message) {
        byte[] data = message.getBytes(StandardCharsets.UTF_8);
        if (data.length > BtpLimits.ERROR_DATA_BYTES_MAX) {
            data = Arrays.copyOf(data, BtpLimits.ERROR_DATA_BYTES_MAX);
        }
        return new BtpError(requestId, code, name, Instant.now(), data, List.of());
    }

    @Override
    public String toString() {
        return "BtpSession[peer=" + peerId + ", state=" + state + ", server=" + server + "]";
    }
}
