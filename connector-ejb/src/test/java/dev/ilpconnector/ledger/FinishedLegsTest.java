package dev.ilpconnector.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The finished packet legs' memory: exactly the newest per stripe, every field back. */
class FinishedLegsTest {

    static final LedgerId IN = LedgerId.forName("peer:alice");
    static final LedgerId OUT = LedgerId.forName("peer:bob");

    @Test
    void aLegComesBackWithEveryFieldAndItsState() {
        FinishedLegs legs = new FinishedLegs(1024);
        LedgerId id = LedgerId.random();
        legs.add(id, IN, OUT, 1234567890123L, 1, 7_776_000, 2);

        FinishedLegs.Leg leg = legs.find(id);
        assertEquals(new FinishedLegs.Leg(id, IN, OUT, 1234567890123L, 1, 7_776_000, 2), leg);
        assertEquals(TransferResult.EXISTS, leg.compare(IN, OUT, 1234567890123L, 1, 7_776_000));
        assertEquals(TransferResult.EXISTS_DIFFERENT, leg.compare(IN, OUT, 1, 1, 7_776_000));
        assertNull(legs.find(LedgerId.random()));
    }

    /**
     * Random ids, far past the capacity, with repeated ids now and then: after every add the
     * structure answers like a model that keeps the newest legs of each stripe in order.
     * Eviction deletes from the open-addressing index, so this checks that no entry becomes
     * unreachable and none outlives its slot.
     */
    @Test
    void matchesAModelThatKeepsTheNewestLegs() {
        int capacity = 16 * 300; // 300 per stripe: the rings grow (256, 300) and then wrap
        FinishedLegs legs = new FinishedLegs(capacity);
        Random random = new Random(20261206L);
        List<LedgerId> seen = new ArrayList<>();
        // the model: per stripe its ring; per id its copies in the rings and newest amount
        Map<LedgerId, Integer> copies = new HashMap<>();
        Map<LedgerId, Long> newest = new HashMap<>();
        Map<Integer, ArrayDeque<LedgerId>> stripes = new HashMap<>();
        for (int i = 0; i < 40_000; i++) {
            LedgerId id = seen.isEmpty() || random.nextInt(10) > 0
                    ? new LedgerId(random.nextLong() | 1, random.nextLong())
                    : seen.get(random.nextInt(seen.size()));
            seen.add(id);
            long amount = i + 1;
            legs.add(id, IN, OUT, amount, 1, 30, 1);
            int stripe = FinishedLegs.stripeOf(id);
            ArrayDeque<LedgerId> ring = stripes.computeIfAbsent(stripe, k -> new ArrayDeque<>());
            ring.addLast(id);
            copies.merge(id, 1, Integer::sum);
            newest.put(id, amount);
            if (ring.size() > capacity / 16) {
                LedgerId gone = ring.removeFirst();
                if (copies.merge(gone, -1, Integer::sum) == 0) {
                    copies.remove(gone);
                    newest.remove(gone);
                }
            }
            if (i % 997 == 0 || i > 39_000) {
                for (int k = 0; k < 50; k++) {
                    LedgerId probe = seen.get(random.nextInt(seen.size()));
                    FinishedLegs.Leg leg = legs.find(probe);
                    Long expected = newest.get(probe);
                    if (expected == null) {
                        assertNull(leg, "forgotten: " + probe);
                    } else {
                        assertNotNull(leg, "remembered: " + probe);
                        assertEquals(expected, leg.amount(), "the newest leg of " + probe);
                    }
                }
            }
        }
        int total = 0;
        for (ArrayDeque<LedgerId> ring : stripes.values()) {
            total += ring.size();
        }
        assertEquals(total, legs.size());
        List<FinishedLegs.Leg> all = new ArrayList<>();
        legs.forEachOldestFirst(all::add);
        assertEquals(total, all.size());
    }
}
