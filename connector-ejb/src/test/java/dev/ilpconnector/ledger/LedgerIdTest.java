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
