package dev.ilpconnector.metrics;

import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.telemetry.PacketEvent;
import dev.ilpconnector.telemetry.SettlementEvent;
import dev.ilpconnector.telemetry.Telemetry;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToDoubleFunction;

/**
 * The node's Prometheus series, fed by the telemetry hub:
 * <ul>
 *   <li>{@code ilp_packets_total{peer,outcome,code}}: answered Prepares by the peer they came
 *       from; outcome {@code fulfilled} (code {@code none}) or {@code rejected} with the RFC 27
 *       code or {@code other};</li>
 *   <li>{@code ilp_packet_duration_seconds{peer,outcome}}: receipt to answer;</li>
 *   <li>{@code ilp_ledger_call_duration_seconds{call="hold"}}: receipt to the ledger hold placed,
 *       which the hold's ledger round trip dominates;</li>
 *   <li>{@code ilp_settlements_total{peer,direction,status}};</li>
 *   <li>{@code ilp_peer_balance{peer}}, {@code ilp_link_up{peer}}: read at scrape time.</li>
 * </ul>
 * A peer's series are made the first time it is seen (peer ids come from authenticated links,
 * so they are the configured ones), each reject code's the first time that code is; after that
 * a packet costs two array reads and two lock-free updates.
 */
public final class PacketMetrics implements Telemetry {

    static final String PACKETS = "ilp_packets";
    static final String DURATION = "ilp_packet_duration";
    static final String LEDGER = "ilp_ledger_call_duration";
    static final String SETTLEMENTS = "ilp_settlements";
    static final String BALANCE = "ilp_peer_balance";
    static final String LINK_UP = "ilp_link_up";

    private final MetricsBackend backend;
    private final ConcurrentMap<String, PeerSeries> peers = new ConcurrentHashMap<>();
    private final MetricsBackend.Durations ledgerHold;

    public PacketMetrics(MetricsBackend backend) {
        this.backend = backend;
        this.ledgerHold = backend.timer(LEDGER, "Time from a Prepare's receipt to its ledger "
                + "hold, dominated by the ledger call", "call", "hold");
    }

    /**
     * Registers the scrape-time series of one configured peer.
     *
     * @param balance the peer's balance in its asset units (NaN when the ledger does not say)
     * @param linkUp  1 while the peer has a link, else 0
     */
    public <T> void peer(String peerId, T source, ToDoubleFunction<T> balance,
                         ToDoubleFunction<T> linkUp) {
        backend.gauge(BALANCE, "What we owe the peer (negative: it owes us), asset units",
                () -> balance.applyAsDouble(source), "peer", peerId);
        backend.gauge(LINK_UP, "1 while the peer has a BTP link up", () ->
                linkUp.applyAsDouble(source), "peer", peerId);
        series(peerId);
    }

    @Override
    public void packet(PacketEvent event) {
        PeerSeries s = series(event.sourcePeer());
        if (event.response() instanceof IlpFulfill) {
            s.fulfilled.increment();
            s.fulfilledDuration.record(event.answeredNanos());
        } else if (event.response() instanceof IlpReject reject) {
            s.rejected(IlpCodes.index(reject.code())).increment();
            s.rejectedDuration.record(event.answeredNanos());
        }
        if (event.heldNanos() >= 0) {
            ledgerHold.record(event.heldNanos());
        }
    }

    @Override
    public void settlement(SettlementEvent event) {
        // Rare: the backend's own registry lookup is fine here.
        backend.counter(SETTLEMENTS, "Settlements by peer, direction and status",
                "peer", event.peerId(), "direction", event.incoming() ? "incoming" : "outgoing",
                "status", event.status().name().toLowerCase(Locale.ROOT)).increment();
    }

    private PeerSeries series(String peerId) {
        PeerSeries s = peers.get(peerId);
        return s != null ? s : peers.computeIfAbsent(peerId, id -> new PeerSeries(backend, id));
    }

    /** One peer's packet series; reject counters are registered on first use. */
    private static final class PeerSeries {

        private final MetricsBackend backend;
        private final String peerId;
        final MetricsBackend.Count fulfilled;
        final MetricsBackend.Durations fulfilledDuration;
        final MetricsBackend.Durations rejectedDuration;
        private final AtomicReferenceArray<MetricsBackend.Count> rejected =
                new AtomicReferenceArray<>(IlpCodes.COUNT);

        PeerSeries(MetricsBackend backend, String peerId) {
            this.backend = backend;
            this.peerId = peerId;
            this.fulfilled = backend.counter(PACKETS, PACKETS_HELP, "peer", peerId,
                    "outcome", "fulfilled", "code", "none");
            this.fulfilledDuration = backend.timer(DURATION, DURATION_HELP, "peer", peerId,
                    "outcome", "fulfilled");
            this.rejectedDuration = backend.timer(DURATION, DURATION_HELP, "peer", peerId,
                    "outcome", "rejected");
        }

        MetricsBackend.Count rejected(int code) {
            MetricsBackend.Count c = rejected.get(code);
            if (c == null) {
                // Two threads may both register: the backend returns the same series to both.
                c = backend.counter(PACKETS, PACKETS_HELP, "peer", peerId, "outcome", "rejected",
                        "code", IlpCodes.label(code));
                rejected.set(code, c);
            }
            return c;
        }
    }

    private static final String PACKETS_HELP =
            "Answered Prepares by the peer they came from, outcome and RFC 27 code";
    private static final String DURATION_HELP = "Time from a Prepare's receipt to its answer";
}
