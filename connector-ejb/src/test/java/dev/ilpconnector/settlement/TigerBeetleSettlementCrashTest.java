package dev.ilpconnector.settlement;

import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.ledger.tigerbeetle.TigerBeetleExtension;
import dev.ilpconnector.ledger.tigerbeetle.TigerBeetleServer;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Settlement across a restart of the node on a TigerBeetle cluster: the node's client is closed
 * and a new one connects; the server (the run's shared one) keeps running.
 */
@ExtendWith(TigerBeetleExtension.class)
class TigerBeetleSettlementCrashTest extends SettlementCrashTest {

    private final TigerBeetleServer server;

    TigerBeetleSettlementCrashTest(TigerBeetleServer server) {
        this.server = server;
    }

    @Override
    protected Ledger open() {
        return server.ledger();
    }
}
