package dev.ilpconnector.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class UserDataTest {

    private static final byte[] CONDITION = HexFormat.of().parseHex(
            "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90");

    /** What an operator reads back from a transfer: the hold's time, then the condition. */
    @Test
    void aPacketLinkIsTheHoldTimeThenTheConditionsFirstTenBytes() {
        UserData link = UserData.packetLink(1_765_000_000_123L, CONDITION);
        assertEquals(1_765_000_000_123L, link.hi() >>> 16);
        assertEquals(0xa1b2, link.hi() & 0xFFFF);
        assertEquals(0xc3d4e5f60718293aL, link.lo());
    }

    /** Later holds give larger values: appended to TigerBeetle's user_data_128 index. */
    @Test
    void linksRiseWithTimeWhateverTheCondition() {
        byte[] high = new byte[32];
        Arrays.fill(high, (byte) 0xFF);
        UserData earlier = UserData.packetLink(1_000, high);
        UserData later = UserData.packetLink(1_001, new byte[32]);
        assertTrue(Long.compareUnsigned(earlier.hi(), later.hi()) < 0);
        assertThrows(IllegalArgumentException.class, () -> UserData.packetLink(1, new byte[9]));
    }
}
