package dev.ilpconnector.web.metrics;

import dev.ilpconnector.metrics.MetricsBackend;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * {@link MetricsBackend} on a MicroProfile Metrics registry. Each call registers (or finds) one
 * series; the returned handle updates the container's counter or timer directly, which Liberty
 * does without a lock.
 */
final class MpMetricsBackend implements MetricsBackend {

    private final MetricRegistry registry;

    MpMetricsBackend(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Count counter(String name, String description, String... tags) {
        Counter counter = registry.counter(Metadata.builder().withName(name)
                .withDescription(description).build(), tags(tags));
        return counter::inc;
    }

    @Override
    public Durations timer(String name, String description, String... tags) {
        Timer timer = registry.timer(Metadata.builder().withName(name)
                .withDescription(description).withUnit(MetricUnits.NANOSECONDS).build(),
                tags(tags));
        return nanos -> timer.update(Duration.ofNanos(nanos));
    }

    @Override
    public void gauge(String name, String description, DoubleSupplier value, String... tags) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(),
                value, DoubleSupplier::getAsDouble, tags(tags));
    }

    private static Tag[] tags(String... pairs) {
        Tag[] tags = new Tag[pairs.length / 2];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = new Tag(pairs[2 * i], pairs[2 * i + 1]);
        }
        return tags;
    }
}
