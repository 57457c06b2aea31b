package dev.ilpconnector.ledger;

import java.util.Map;
import java.util.Objects;

/**
 * What an operator needs to know about the ledger behind the node ({@code GET /admin/ledger},
 * readiness).
 *
 * @param backend   {@code embedded} or {@code tigerbeetle}
 * @param durable   whether balances survive a restart of the node
 * @param reachable whether the last call reached the ledger (always true in process)
 * @param detail    one human-readable line: data directory, cluster addresses, last error
 * @param counters  counts since start, by name (the journal's records and fsyncs); may be empty
 */
public record LedgerStatus(String backend, boolean durable, boolean reachable, String detail,
        Map<String, Long> counters) {

    public LedgerStatus {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(detail, "detail");
        counters = Map.copyOf(counters);
    }

    /** A status without counters. */
    public LedgerStatus(String backend, boolean durable, boolean reachable, String detail) {
        this(backend, durable, reachable, detail, Map.of());
    }
}
