package dev.ilpconnector.packetswitch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.ledger.Ledger;

/** The switch's money property on the embedded ledger. */
class EmbeddedSwitchPropertyTest extends PacketSwitchPropertyTest {

    private final EmbeddedLedger ledger = new EmbeddedLedger();

    @Override
    protected Ledger ledger() {
        return ledger;
    }

    @Override
    protected void checkLedger() {
        ledger.checkInvariants();
        assertEquals(0, ledger.pendingCount());
    }
}
