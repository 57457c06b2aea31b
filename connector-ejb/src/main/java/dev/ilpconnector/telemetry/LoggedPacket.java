package dev.ilpconnector.telemetry;

import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import java.time.Instant;
import java.util.Arrays;

/**
 * One answered Prepare as the console sees it: the fields it lists, plus the encoded Prepare
 * and answer while the packet log's byte budget keeps them. Built on the explorer's pump
 * thread (and again from the log's columns when asked for), never on the packet path.
 */
public final class LoggedPacket {

    /** The Prepare as received and the answer sent back, as on the wire. */
    public record Bytes(byte[] prepare, byte[] response) {

        int length() {
            return prepare.length + response.length;
        }
    }

    /**
     * A reject message may be 8 KiB: the listing keeps its start, the answer's bytes keep it
     * whole, so 5000 logged packets cannot hold 40 MiB of strangers' text.
     */
    static final int MESSAGE_CHARS_MAX = 1024;

    private final PacketEvent event;
    private final Asset asset;
    private final String code;
    private final String message;
    private final String triggeredBy;
    private final Bytes bytes;

    private LoggedPacket(PacketEvent event, Asset asset, Bytes bytes) {
        this.asset = asset;
        this.bytes = bytes;
        if (event.response() instanceof IlpReject reject) {
            code = reject.code().code();
            message = reject.message().length() <= MESSAGE_CHARS_MAX ? reject.message()
                    : reject.message().substring(0, MESSAGE_CHARS_MAX) + "\u2026";
            triggeredBy = reject.triggeredBy();
        } else {
            code = null;
            message = null;
            triggeredBy = null;
        }
        // Keep only what the listing needs of the event: its data goes with the bytes.
        this.event = new PacketEvent(event.sequence(), event.receivedAt(), event.sourcePeer(),
                event.nextHop(), summary(event.prepare()),
                event.outgoing() == null ? null : summary(event.outgoing()),
                summary(event), event.heldNanos(), event.forwardedNanos(),
                event.answeredNanos());
    }

    /** @param asset the source peer's asset; null when the peer is gone */
    public static LoggedPacket of(PacketEvent event, Asset asset) {
        return new LoggedPacket(event, asset, new Bytes(IlpCodec.encode(event.prepare()),
                IlpCodec.encode(event.response())));
    }

    /** A packet the log decoded again; {@code bytes} null when the log no longer has them. */
    static LoggedPacket restored(PacketEvent event, Asset asset, Bytes bytes) {
        return new LoggedPacket(event, asset, bytes);
    }

    /** The Prepare as received, without its data: what the log keeps once the bytes go. */
    IlpPrepare summaryPrepare() {
        return event.prepare();
    }

    /** The answer without its data, a reject with the listing's (shortened) message. */
    IlpResponse summaryResponse() {
        return event.response() instanceof IlpReject r
                ? new IlpReject(r.code(), triggeredBy, message, new byte[0]) : event.response();
    }

    private static IlpPrepare summary(IlpPrepare p) {
        return p.dataLength() == 0 ? p : new IlpPrepare(p.amount(), p.expiresAt(),
                p.executionCondition(), p.destination(), new byte[0]);
    }

    private static IlpResponse summary(PacketEvent e) {
        if (e.response() instanceof IlpFulfill f) {
            return f.dataLength() == 0 ? f : new IlpFulfill(f.fulfillment(), new byte[0]);
        }
        IlpReject r = (IlpReject) e.response();
        return r.dataLength() == 0 && r.message().isEmpty() ? r
                : new IlpReject(r.code(), r.triggeredBy(), "", new byte[0]);
    }

    public long id() {
        return event.sequence();
    }

    public Instant time() {
        return event.receivedAt();
    }

    public String from() {
        return event.sourcePeer();
    }

    /** The next hop, null when the packet was not forwarded. */
    public String to() {
        return event.nextHop();
    }

    public String destination() {
        return event.prepare().destination().value();
    }

    public long amount() {
        return event.prepare().amount();
    }

    /** The Prepare as forwarded or delivered; null when it was neither. */
    public IlpPrepare outgoing() {
        return event.outgoing();
    }

    public Instant expiresAt() {
        return event.prepare().expiresAt();
    }

    public byte[] condition() {
        return event.prepare().executionCondition();
    }

    public Asset asset() {
        return asset;
    }

    public boolean fulfilled() {
        return event.response() instanceof IlpFulfill;
    }

    /** The fulfillment, null when rejected. */
    public byte[] fulfillment() {
        return event.response() instanceof IlpFulfill f ? f.fulfillment() : null;
    }

    /** The reject's code, null when fulfilled. */
    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    public String triggeredBy() {
        return triggeredBy;
    }

    /** Nanoseconds from receipt to the hold, the forwarding and the answer; -1 if not reached. */
    public long heldNanos() {
        return event.heldNanos();
    }

    public long forwardedNanos() {
        return event.forwardedNanos();
    }

    public long answeredNanos() {
        return event.answeredNanos();
    }

    /** The wire bytes, or null once the log's byte budget evicted them. */
    public Bytes bytes() {
        return bytes;
    }

    boolean matches(String peer, String prefix, String errorCode, byte[] condition) {
        return (peer == null || peer.equals(from()) || peer.equals(to()))
                && (prefix == null || destination().startsWith(prefix))
                && (errorCode == null || errorCode.equals(code))
                && (condition == null || Arrays.equals(condition, condition()));
    }
}
