package dev.ilpconnector.telemetry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/** The feed's subscribers, at most {@link #CLIENTS_MAX}; the pump hands them every message. */
public final class FeedClients {

    /** Browsers at once: each costs a queue and a share of the pump. */
    public static final int CLIENTS_MAX = 8;

    private final List<FeedClient> clients = new CopyOnWriteArrayList<>();
    /** Drops of clients already gone, so the total never goes down. */
    private final LongAdder droppedByGone = new LongAdder();

    /** A new subscriber, or null when {@link #CLIENTS_MAX} are connected. */
    public synchronized FeedClient join(FeedSink sink) {
        clients.removeIf(FeedClient::closed);
        if (clients.size() >= CLIENTS_MAX) {
            return null;
        }
        FeedClient client = new FeedClient(sink);
        clients.add(client);
        return client;
    }

    /** The connection is gone: forget the client (its drops stay counted). */
    public synchronized void leave(FeedClient client) {
        if (clients.remove(client)) {
            client.close(1000, "bye");
            droppedByGone.add(client.dropped());
        }
    }

    /** Closes every client, e.g. when the node stops. */
    public synchronized void closeAll(int code, String reason) {
        for (FeedClient c : clients) {
            c.close(code, reason);
            droppedByGone.add(c.dropped());
        }
        clients.clear();
    }

    List<FeedClient> all() {
        return clients;
    }

    public int size() {
        return clients.size();
    }

    /** Messages all clients, past and present, lost to full queues. */
    public long dropped() {
        long sum = droppedByGone.sum();
        for (FeedClient c : clients) {
            sum += c.dropped();
        }
        return sum;
    }
}
