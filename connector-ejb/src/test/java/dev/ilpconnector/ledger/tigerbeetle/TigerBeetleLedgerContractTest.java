package dev.ilpconnector.ledger.tigerbeetle;

import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.ledger.LedgerContractTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ledger contract on a real TigerBeetle server (the test run's own, see the fixture). */
@ExtendWith(TigerBeetleExtension.class)
class TigerBeetleLedgerContractTest extends LedgerContractTest {

    private static TigerBeetleLedger ledger;

    @BeforeAll
    static void connect(TigerBeetleServer server) {
        ledger = server.ledger();
    }

    @AfterAll
    static void close() {
        ledger.close();
    }

    @Override
    protected Ledger ledger() {
        return ledger;
    }

    @Override
    protected void passTime(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
