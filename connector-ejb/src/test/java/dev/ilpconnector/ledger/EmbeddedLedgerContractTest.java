package dev.ilpconnector.ledger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The ledger contract on the embedded ledger, on a clock the test moves. */
class EmbeddedLedgerContractTest extends LedgerContractTest {

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final EmbeddedLedger ledger = new EmbeddedLedger(now::get);

    @Override
    protected Ledger ledger() {
        return ledger;
    }

    @Override
    protected void passTime(Duration d) {
        now.addAndGet(d.toMillis());
        ledger.sweepExpired(); // what the node's 1 s sweep does
        ledger.checkInvariants();
    }
}
