package dev.ilpconnector.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class AccountBalanceTest {

    private static final BigInteger U64_MAX = new BigInteger("18446744073709551615");

    @Test
    void netAndAvailable() {
        AccountBalance b = AccountBalance.ofUnsigned64(30, 100, 999, 50);
        assertEquals(BigInteger.valueOf(-50), b.netPosted());
        assertEquals(BigInteger.valueOf(-80), b.available());
    }

    @Test
    void unsigned64InputsAreReadUnsigned() {
        AccountBalance b = AccountBalance.ofUnsigned64(-1L, 0, 0, Long.MIN_VALUE);
        assertEquals(U64_MAX, b.debitsPending());
        assertEquals(BigInteger.ONE.shiftLeft(63), b.creditsPosted());
        assertEquals(BigInteger.ONE.shiftLeft(63).subtract(U64_MAX), b.available());
    }

    @Test
    void totalsBeyond64BitsKeepExactNetBalances() {
        BigInteger big = U64_MAX.multiply(BigInteger.valueOf(3));
        AccountBalance b = new AccountBalance(BigInteger.ZERO, big, BigInteger.ZERO,
                big.add(BigInteger.TEN));
        assertEquals(BigInteger.TEN, b.netPosted());
    }

    @Test
    void totalsMustBeUnsigned128() {
        BigInteger z = BigInteger.ZERO;
        AccountBalance max = new AccountBalance(z, z, z,
                AccountBalance.U128_LIMIT.subtract(BigInteger.ONE));
        assertEquals(AccountBalance.U128_LIMIT.subtract(BigInteger.ONE), max.netPosted());
        assertThrows(IllegalArgumentException.class,
                () -> new AccountBalance(z, z, z, AccountBalance.U128_LIMIT));
        assertThrows(IllegalArgumentException.class,
                () -> new AccountBalance(BigInteger.ONE.negate(), z, z, z));
        assertThrows(NullPointerException.class, () -> new AccountBalance(null, z, z, z));
    }
}
