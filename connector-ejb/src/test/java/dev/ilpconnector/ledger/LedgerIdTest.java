package dev.ilpconnector.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerIdTest {

    @Test
    void forNameIsDeterministicAndDistinct() {
        assertEquals(LedgerId.forName("peer:alice"), LedgerId.forName("peer:alice"));
        assertNotEquals(LedgerId.forName("peer:alice"), LedgerId.forName("peer:bob"));
        // pinned: a restart (or another JVM) must find the same accounts
        assertEquals(LedgerId.forName("peer:alice").toString(),
                LedgerId.parse(LedgerId.forName("peer:alice").toString()).toString());
        assertThrows(IllegalArgumentException.class, () -> LedgerId.forName(""));
    }

    @Test
    void randomIdsAreUniqueAndValid() {
        Set<LedgerId> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(LedgerId.random()));
        }
    }

    /** A post's id is the pending id's sibling: found again on a replay, never a fresh id. */
    @Test
    void siblingsAreDeterministicAdjacentAndNeverFreshIds() {
        Set<LedgerId> fresh = new HashSet<>();
        Set<LedgerId> siblings = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            LedgerId id = LedgerId.random();
            fresh.add(id);
            for (int n = 1; n <= 3; n++) {
                LedgerId sibling = id.sibling(n);
                assertEquals(sibling, id.sibling(n));
                assertEquals(id.hi(), sibling.hi());
                assertTrue(Math.abs(sibling.lo() - id.lo()) <= 3, "next to the id in its tree");
                assertTrue(siblings.add(sibling));
            }
        }
        siblings.retainAll(fresh);
        assertEquals(Set.of(), siblings);
        assertThrows(IllegalArgumentException.class, () -> LedgerId.random().sibling(0));
        assertThrows(IllegalArgumentException.class, () -> LedgerId.random().sibling(4));
        // next to the reserved ids: a valid id all the same
        assertNotEquals(new LedgerId(0, 1), new LedgerId(0, 1).sibling(1));
        assertNotEquals(new LedgerId(-1, -2), new LedgerId(-1, -2).sibling(1));
    }

    @Test
    void reservedValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LedgerId(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LedgerId(-1, -1));
    }

    @Test
    void unsignedOrderAndTextForm() {
        LedgerId small = new LedgerId(0, 1);
        LedgerId big = new LedgerId(Long.MIN_VALUE, 0); // 2^127: unsigned, above small
        assertTrue(small.compareTo(big) < 0);
        assertTrue(new LedgerId(1, -1L).compareTo(new LedgerId(1, 0)) > 0);
        assertEquals("8000000000000000ffffffffffffffff",
                new LedgerId(Long.MIN_VALUE, -1L).toString());
        assertEquals(new LedgerId(Long.MIN_VALUE, -1L),
                LedgerId.parse("8000000000000000ffffffffffffffff"));
    }
}
