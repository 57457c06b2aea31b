package dev.ilpconnector.ledger;

import java.util.Objects;

/**
 * What an operator needs to know about the ledger behind the node ({@code GET /admin/ledger},
 * readiness).
 *
 * @param backend   {@code embedded} or {@code tigerbeetle}
 * @param durable   whether balances survive a restart of the node
 * @param reachable whether the last call reached the ledger (always true in process)
 * @param detail    one human-readable line: data directory, cluster addresses, last error
 */
public record LedgerStatus(String backend, boolean durable, boolean reachable, String detail) {

    public LedgerStatus {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(detail, "detail");
    }
}
