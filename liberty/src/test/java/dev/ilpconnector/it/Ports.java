package dev.ilpconnector.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free TCP ports on the loopback interface, distinct within one call. */
final class Ports {

    private Ports() {
    }

    /** {@code n} ports that were free a moment ago (the OS picks them; small reuse race). */
    static int[] free(int n) {
        Set<Integer> seen = new HashSet<>();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int port;
            do {
                port = one();
            } while (!seen.add(port));
            out[i] = port;
        }
        return out;
    }

    static int free() {
        return free(1)[0];
    }

    private static int one() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
