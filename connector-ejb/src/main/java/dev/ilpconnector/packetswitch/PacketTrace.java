package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.telemetry.PacketEvent;
import dev.ilpconnector.telemetry.Telemetry;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * What the switch notes about one Prepare on its way (times of the steps, where it went), turned
 * into a {@link PacketEvent} when the answer is ready. Written by whichever thread runs the step;
 * the future chain orders the writes before the read in {@link #accept}.
 */
final class PacketTrace implements BiConsumer<IlpResponse, Throwable> {

    private final Telemetry telemetry;
    private final long sequence;
    private final Instant receivedAt;
    private final long receivedNanos;
    private final String sourcePeer;
    private final IlpPrepare prepare;
    private String nextHop;
    private IlpPrepare outgoing;
    private long heldNanos = -1;
    private long forwardedNanos = -1;

    PacketTrace(Telemetry telemetry, long sequence, Instant receivedAt, long receivedNanos,
                String sourcePeer, IlpPrepare prepare) {
        this.telemetry = telemetry;
        this.sequence = sequence;
        this.receivedAt = receivedAt;
        this.receivedNanos = receivedNanos;
        this.sourcePeer = sourcePeer;
        this.prepare = prepare;
    }

    void held() {
        heldNanos = System.nanoTime() - receivedNanos;
    }

    /** Handed to a link ({@code hop} its peer) or to local delivery ({@code hop} null). */
    void forwarded(String hop, IlpPrepare sent) {
        nextHop = hop;
        outgoing = sent;
        forwardedNanos = System.nanoTime() - receivedNanos;
    }

    /** The answer is ready: publish. The switch's futures never fail, so failure is null. */
    @Override
    public void accept(IlpResponse response, Throwable failure) {
        if (response != null) {
            telemetry.packet(new PacketEvent(sequence, receivedAt, sourcePeer, nextHop, prepare,
                    outgoing, response, heldNanos, forwardedNanos,
                    System.nanoTime() - receivedNanos));
        }
    }
}
