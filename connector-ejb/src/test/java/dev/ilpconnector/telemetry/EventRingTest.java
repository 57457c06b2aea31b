package dev.ilpconnector.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EventRingTest {

    @Test
    void fullRingDropsAndCountsWithoutWaiting() {
        EventRing<Integer> ring = new EventRing<>(4);
        for (int i = 0; i < 4; i++) {
            assertTrue(ring.publish(i));
        }
        assertFalse(ring.publish(99), "no room: dropped, not waited for");
        assertFalse(ring.publish(100));
        assertEquals(2, ring.dropped());
        assertEquals(4, ring.size());
        assertEquals(0, ring.poll());
        assertTrue(ring.publish(4), "a read frees a slot");
        assertEquals(1, ring.poll());
        assertEquals(2, ring.poll());
        assertEquals(3, ring.poll());
        assertEquals(4, ring.poll());
        assertNull(ring.poll());
        assertEquals(0, ring.size());
    }

    @Test
    void capacityIsRoundedUpToAPowerOfTwo() {
        assertEquals(8, new EventRing<>(5).capacity());
        assertEquals(16_384, new EventRing<>(16_384).capacity());
    }

    /**
     * Four publishers against one reader: every event is either read exactly once or counted
     * as dropped, and publishers finish even though the reader is slow.
     */
    @Test
    void concurrentPublishersLoseNothingUncounted() throws Exception {
        EventRing<Long> ring = new EventRing<>(64);
        int publishers = 4;
        int each = 50_000;
        CountDownLatch done = new CountDownLatch(publishers);
        for (int t = 0; t < publishers; t++) {
            long base = (long) t * each;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    ring.publish(base + i);
                }
                done.countDown();
            });
            thread.start();
        }
        Set<Long> seen = new HashSet<>();
        AtomicBoolean duplicate = new AtomicBoolean();
        while (done.getCount() > 0 || ring.size() > 0) {
            Long e = ring.poll();
            if (e != null && !seen.add(e)) {
                duplicate.set(true);
            }
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertFalse(duplicate.get());
        assertEquals((long) publishers * each, seen.size() + ring.dropped());
    }
}
