package dev.ilpconnector.ccp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The auth of our routes stays the same per prefix however many routes share the Mac. */
class RouteAuthTest {

    final RouteAuth auth = new RouteAuth();

    @Test
    void ownAuthIsStablePerPrefixAndDiffersBetweenPrefixes() {
        byte[] first = auth.own("test.a");
        byte[] other = auth.own("test.b");
        auth.forwarded(other);

        assertEquals(32, first.length);
        assertArrayEquals(first, auth.own("test.a"), "nothing of test.b left in the Mac");
        assertFalse(Arrays.equals(first, other));
        assertFalse(Arrays.equals(first, new RouteAuth().own("test.a")), "a secret per run");
    }

    @Test
    void forwardedAuthIsTheSha256OfTheReceivedOne() throws Exception {
        byte[] received = auth.own("test.x");
        auth.forwarded(new byte[32]);

        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(received),
                auth.forwarded(received));
    }
}
