package dev.ilpconnector.ledger.tigerbeetle;

import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.packetswitch.PacketSwitchPropertyTest;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The switch's money property on a real TigerBeetle server: the peers' balances read back from
 * the cluster equal the fulfilled sums, nothing pending. An asset of its own keeps its accounts
 * apart from other tests on the shared server.
 */
@ExtendWith(TigerBeetleExtension.class)
class TigerBeetleSwitchPropertyTest extends PacketSwitchPropertyTest {

    private final String asset = "S" + ThreadLocalRandom.current().nextInt(1_000_000);
    private TigerBeetleLedger ledger;

    @BeforeEach
    void connect(TigerBeetleServer server) {
        ledger = server.ledger();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Override
    protected Ledger ledger() {
        return ledger;
    }

    @Override
    protected String assetCode() {
        return asset;
    }

    @Override
    protected void checkLedger() {
        // Balances and pending totals come from the cluster itself; nothing more to ask it.
    }
}
