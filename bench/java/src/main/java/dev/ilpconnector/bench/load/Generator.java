package dev.ilpconnector.bench.load;

import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Keeps {@code concurrency} Prepares in flight over N connections until {@code count} were
 * answered or {@code duration} passed, each with unique data (an answer cache cannot help),
 * and records every round trip after the warm-up in an HdrHistogram. In echo mode any frame
 * back with the requestId counts as the answer (the transport's limit).
 */
final class Generator {

    private static final long LATENCY_MAX_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long EXPIRY_S = 30;

    private final Settings settings;
    private final Recorder recorder = new Recorder(LATENCY_MAX_NS, 3);
    private final Map<Long, Slot> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(2);
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong fulfilled = new AtomicLong();
    /** Frames whose requestId matches no Prepare in flight (a ping, a duplicate answer). */
    private final AtomicLong unmatched = new AtomicLong();
    private final Map<String, AtomicLong> rejects = new ConcurrentHashMap<>();
    private final byte[] destination;
    private final Packets packets;
    private volatile boolean stopping;
    private volatile long measureFrom = Long.MAX_VALUE;
    private CountDownLatch idle;

    record Settings(List<String> urls, String destination, long count, long durationS,
                    int concurrency, long warmup, int dataBytes, long amountMin, long amountMax,
                    boolean echo, byte[] fulfillment) {
    }

    /** What each Prepare carries: its condition and data, unique per packet number. */
    interface Packets {
        Packet next(long n);
    }

    record Packet(byte[] condition, byte[] data) {
    }

    /** One packet kept in flight: its start time, and the connection it goes over. */
    private static final class Slot {
        final Connection connection;
        long startNs;
        boolean measured;

        Slot(Connection connection) {
            this.connection = connection;
        }
    }

    /** Prepares for a sink: the shared fulfillment's condition, the packet number as data. */
    Generator(Settings settings) {
        this(settings, sinkPackets(settings));
    }

    Generator(Settings settings, Packets packets) {
        this.settings = settings;
        this.destination = settings.destination().getBytes(StandardCharsets.US_ASCII);
        this.packets = packets;
    }

    private static Packets sinkPackets(Settings settings) {
        byte[] condition = Sink.sha256(settings.fulfillment());
        return n -> {
            ByteBuffer data = ByteBuffer.allocate(settings.dataBytes());
            if (settings.dataBytes() >= 8) {
                data.putLong(n);
            }
            return new Packet(condition, data.array());
        };
    }

    /** Runs the load; returns the figures (CPU shares are the caller's). */
    Map<String, Object> run(CpuSampler cpu) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<Connection> connections = new ArrayList<>();
        for (String url : settings.urls()) {
            connections.add(Connection.open(client, url, this::onFrame, settings.echo()));
        }
        int c = settings.concurrency();
        idle = new CountDownLatch(c);
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            slots.add(new Slot(connections.get(i % connections.size())));
        }
        long runStart = System.nanoTime();
        slots.forEach(this::send);
        // warm-up: wait until that many were answered, then measure from a clean histogram
        while (answered.get() < settings.warmup() && !stopping) {
            Thread.sleep(5);
        }
        CpuSampler.Reading before = cpu.read();
        long answeredBefore = answered.get();
        long fulfilledBefore = fulfilled.get();
        recorder.reset();
        long t0 = System.nanoTime();
        measureFrom = t0;
        long deadline = t0 + TimeUnit.SECONDS.toNanos(settings.durationS());
        while (answered.get() - answeredBefore < settings.count()
                && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        long t1 = System.nanoTime();
        CpuSampler.Reading after = cpu.read();
        long measuredAnswers = answered.get() - answeredBefore;
        long measuredFulfilled = fulfilled.get() - fulfilledBefore;
        Histogram latency = recorder.getIntervalHistogram();
        stopping = true;
        boolean drained = idle.await(EXPIRY_S + 5, TimeUnit.SECONDS);
        connections.forEach(Connection::close);

        double seconds = (t1 - t0) / 1e9;
        Map<String, Object> out = new TreeMap<>();
        out.put("settings", Map.of("connections", settings.urls().size(), "concurrency", c,
                "dataBytes", settings.dataBytes(), "warmup", settings.warmup(),
                "amount", settings.amountMin() == settings.amountMax()
                        ? Long.toString(settings.amountMin())
                        : settings.amountMin() + ".." + settings.amountMax(),
                "echo", settings.echo(), "destination", settings.destination()));
        out.put("answered", measuredAnswers);
        out.put("fulfilled", measuredFulfilled);
        out.put("rejected", new TreeMap<>(rejects));
        out.put("seconds", Math.round(seconds * 1000) / 1000.0);
        out.put("packetsPerS", Math.round(measuredAnswers / seconds));
        out.put("latencyMs", Map.of("p50", ms(latency.getValueAtPercentile(50)),
                "p90", ms(latency.getValueAtPercentile(90)),
                "p99", ms(latency.getValueAtPercentile(99)),
                "p999", ms(latency.getValueAtPercentile(99.9)),
                "max", ms(latency.getMaxValue()), "mean", ms((long) latency.getMean())));
        out.put("cpuPctOfOneCore", CpuSampler.shares(before, after));
        out.put("drained", drained);
        out.put("totalFulfilled", fulfilled.get());
        out.put("unanswered", inFlight.size());
        out.put("unmatchedFrames", unmatched.get());
        out.put("totalSeconds", Math.round((System.nanoTime() - runStart) / 1e6) / 1000.0);
        return out;
    }

    private static double ms(long ns) {
        return Math.round(ns / 1e3) / 1e3;
    }

    private void send(Slot slot) {
        if (stopping) {
            idle.countDown();
            return;
        }
        long id = nextId.getAndIncrement() & 0xFFFF_FFFFL;
        long n = started.incrementAndGet();
        long amount = settings.amountMin() == settings.amountMax() ? settings.amountMin()
                : ThreadLocalRandom.current().nextLong(settings.amountMin(),
                        settings.amountMax() + 1);
        Packet packet = packets.next(n);
        byte[] prepare = Frames.prepare(amount, Instant.now().plusSeconds(EXPIRY_S),
                packet.condition(), destination, packet.data());
        slot.startNs = System.nanoTime();
        slot.measured = slot.startNs >= measureFrom;
        inFlight.put(id, slot);
        slot.connection.send(Frames.btpIlp(Frames.BTP_MESSAGE, id, prepare));
    }

    private void onFrame(Frames.Incoming in) {
        Slot slot = inFlight.remove(in.requestId());
        if (slot == null) {
            unmatched.incrementAndGet(); // a ping Message from the peer, a late duplicate
            return;
        }
        long tookNs = System.nanoTime() - slot.startNs;
        if (slot.measured) {
            recorder.recordValue(Math.min(tookNs, LATENCY_MAX_NS));
        }
        if (settings.echo() || in.ilpType() == Frames.ILP_FULFILL) {
            fulfilled.incrementAndGet();
        } else {
            String code = in.type() == Frames.BTP_ERROR ? "btp-error"
                    : in.rejectCode() != null ? in.rejectCode() : "other";
            rejects.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
        }
        answered.incrementAndGet();
        send(slot);
    }

    static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder s = new StringBuilder("{");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (s.length() > 1) {
                    s.append(", ");
                }
                s.append('"').append(e.getKey()).append("\": ").append(json(e.getValue()));
            }
            return s.append('}').toString();
        }
        if (value instanceof String text) {
            return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%s", d);
        }
        return String.valueOf(value);
    }
}
