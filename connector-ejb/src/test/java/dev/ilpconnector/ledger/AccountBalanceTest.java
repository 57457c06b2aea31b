package dev.ilpconnector.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AccountBalanceTest {

    @Test
    void netAndAvailable() {
        AccountBalance b = new AccountBalance(30, 100, 999, 50);
        assertEquals(-50, b.netPosted());
        assertEquals(-80, b.available());
        assertEquals(Long.MIN_VALUE,
                new AccountBalance(0, Long.MIN_VALUE, 0, 0).netPosted()); // -2^63 fits
        assertEquals(Long.MAX_VALUE, new AccountBalance(0, 0, 0, Long.MAX_VALUE).netPosted());
        assertThrows(ArithmeticException.class,
                () -> new AccountBalance(0, Long.MIN_VALUE + 1, 0, 0).netPosted());
        assertThrows(ArithmeticException.class,
                () -> new AccountBalance(0, 0, 0, Long.MIN_VALUE).netPosted());
        assertThrows(ArithmeticException.class,
                () -> new AccountBalance(-1L, 1, 0, 0).available());
        assertEquals("AccountBalance[debitsPending=18446744073709551615, debitsPosted=0, "
                + "creditsPending=0, creditsPosted=0]",
                new AccountBalance(-1L, 0, 0, 0).toString());
    }
}
