package dev.ilpconnector.settlement;

import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.ledger.Ledger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Settlement across a restart of the embedded ledger: closed, then replayed from its journal. */
class JournaledSettlementCrashTest extends SettlementCrashTest {

    @TempDir
    Path dir;

    @Override
    protected Ledger open() {
        try {
            return EmbeddedLedger.open(dir, Thread::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
