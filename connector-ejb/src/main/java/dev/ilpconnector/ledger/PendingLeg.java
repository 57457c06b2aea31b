package dev.ilpconnector.ledger;

import java.time.Duration;
import java.util.Objects;

/**
 * One leg of a forwarded packet for {@link Ledger#createBothPending}: a pending transfer of
 * {@code amount} from {@code debit} to {@code credit}, released after {@code timeout}.
 */
public record PendingLeg(LedgerId id, LedgerId debit, LedgerId credit, long amount, int code,
                         Duration timeout, UserData userData) {

    public PendingLeg {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(debit, "debit");
        Objects.requireNonNull(credit, "credit");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(userData, "userData");
    }
}
