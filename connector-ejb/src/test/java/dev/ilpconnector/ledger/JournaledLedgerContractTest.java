package dev.ilpconnector.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger contract on the embedded ledger with its journal (every post answered after its
 * fsync), compacting after every 64 KiB so snapshots happen in the middle of the suite.
 */
class JournaledLedgerContractTest extends LedgerContractTest {

    @TempDir
    Path dir;
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private EmbeddedLedger ledger;

    @Override
    protected Ledger ledger() {
        if (ledger == null) {
            try {
                ledger = EmbeddedLedger.open(dir, Thread::new, now::get, Journal.FSYNC,
                        LedgerLimits.PENDING_TRANSFERS_MAX,
                        LedgerLimits.FINISHED_TRANSFERS_RETAINED, 64 * 1024);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ledger;
    }

    @Override
    protected void passTime(Duration d) {
        now.addAndGet(d.toMillis());
        ledger.sweepExpired(); // what the node's 1 s sweep does, compaction included
        ledger.checkInvariants();
    }

    @AfterEach
    void closeLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }
}
