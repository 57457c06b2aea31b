package dev.ilpconnector.metrics;

import java.util.function.DoubleSupplier;

/**
 * Where series are registered (MicroProfile Metrics in the server, a map in tests). Called
 * once per series; what it returns is kept and updated without asking again.
 */
public interface MetricsBackend {

    /** A monotonic count. {@code tags}: label name, value, name, value... */
    Count counter(String name, String description, String... tags);

    /** A distribution of durations in nanoseconds. */
    Durations timer(String name, String description, String... tags);

    /** A value read when the metrics are scraped; {@code value} must not block long or throw. */
    void gauge(String name, String description, DoubleSupplier value, String... tags);

    /** A counter series. */
    interface Count {
        void increment();
    }

    /** A timer series. */
    interface Durations {
        void record(long nanos);
    }
}
