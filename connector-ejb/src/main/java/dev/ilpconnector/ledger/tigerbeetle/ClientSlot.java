package dev.ilpconnector.ledger.tigerbeetle;

import com.tigerbeetle.Client;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The ledger's TigerBeetle client, replaced by a fresh one after an outage. The 0.15.3 client
 * resends an unanswered request with a growing backoff, so after the cluster is back it may
 * take it tens of seconds to notice; a fresh client's first request goes out at once. While a
 * request is overdue the ledger asks {@link #replaceIfClusterBack}: once a replica accepts TCP
 * connections again, a fresh client takes over and the old one is closed in the background
 * (its close waits for its own request; at most {@link #ABANDONED_MAX} linger at a time).
 */
final class ClientSlot {

    private static final Logger LOG = Logger.getLogger(ClientSlot.class.getName());

    /** Old clients still waiting to close; beyond it the ledger waits for the backoff instead. */
    static final int ABANDONED_MAX = 2;
    /** At most one replacement this often (a flapping cluster must not churn clients). */
    private static final long REPLACE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long the check waits for one replica's TCP handshake. */
    private static final int CONNECT_CHECK_MS = 300;

    private final byte[] clusterId;
    private final String[] addresses;
    private final AtomicInteger abandoned = new AtomicInteger();
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile Client current;
    private volatile long replacedAtNanos = System.nanoTime() - REPLACE_EVERY_NANOS;

    /** @throws RuntimeException when the client refuses the cluster id or addresses */
    ClientSlot(byte[] clusterId, String[] addresses) {
        this.clusterId = clusterId.clone();
        this.addresses = addresses.clone();
        this.current = new Client(this.clusterId, this.addresses);
    }

    Client get() {
        return current;
    }

    /**
     * On {@code executor}, checks whether a replica listens again and if so swaps in a fresh
     * client and runs {@code replaced} (the batchers drop their overdue requests and send on the
     * fresh client). Cheap to call often: one check at a time, one replacement per 5 s.
     */
    void replaceIfClusterBack(Executor executor, Runnable replaced) {
        if (abandoned.get() >= ABANDONED_MAX
                || System.nanoTime() - replacedAtNanos < REPLACE_EVERY_NANOS
                || !checking.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    if (anyReplicaListening()) {
                        replace(replaced);
                    }
                } finally {
                    checking.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            checking.set(false); // shutting down
        }
    }

    /** Closes the client, waiting at most {@code waitMs} (its close blocks while unanswered). */
    boolean close(long waitMs) {
        Thread closer = closeInBackground(current, () -> { });
        try {
            closer.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !closer.isAlive();
    }

    private void replace(Runnable replaced) {
        Client fresh;
        try {
            fresh = new Client(clusterId, addresses);
        } catch (RuntimeException e) {
            LOG.warning("event=ledger_client_replace_failed " + e);
            return;
        }
        Client old = current;
        current = fresh;
        replacedAtNanos = System.nanoTime();
        abandoned.incrementAndGet();
        closeInBackground(old, abandoned::decrementAndGet);
        replaced.run();
        LOG.info("event=ledger_client_replaced backend=tigerbeetle reason=overdue request,"
                + " replica listening again");
    }

    private boolean anyReplicaListening() {
        for (String address : addresses) {
            int colon = address.lastIndexOf(':');
            String host = colon < 0 ? "127.0.0.1"
                    : address.substring(0, colon).replace("[", "").replace("]", "");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host,
                        Integer.parseInt(address.substring(colon + 1))), CONNECT_CHECK_MS);
                return true;
            } catch (IOException | RuntimeException e) {
                // not this one; try the next replica
            }
        }
        return false;
    }

    private static Thread closeInBackground(Client client, Runnable after) {
        Thread closer = new Thread(() -> {
            client.close();
            after.run();
        }, "tigerbeetle-client-close");
        closer.setDaemon(true);
        closer.start();
        return closer;
    }
}
