package dev.ilpconnector.agent.stream;

import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What payment-setup said about each payment (its metadata), kept while the payment is in use:
 * at most {@code sessionsMax} payments, each dropped {@code SESSION_TTL_MS} after it was last
 * set up or paid. Every {@code /handle-payment} of the payment carries the metadata.
 */
public final class PaymentSessions {

    private final int sessionsMax;
    private final long ttlMs;
    private final Clock clock;
    /** Access order: the eldest entry is the least recently used, so expiry starts there. */
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(64, 0.75f, true);

    private record Session(JsonObject metadata, long usedAtMs) {
    }

    public PaymentSessions(int sessionsMax, Duration ttl, Clock clock) {
        if (sessionsMax <= 0) {
            throw new IllegalArgumentException("sessionsMax must be positive");
        }
        this.sessionsMax = sessionsMax;
        this.ttlMs = ttl.toMillis();
        this.clock = clock;
    }

    /**
     * Keeps {@code metadata} for {@code paymentId} (replacing what it had).
     *
     * @return false when {@code sessionsMax} live payments are kept already
     */
    public synchronized boolean open(String paymentId, JsonObject metadata) {
        long now = clock.millis();
        expire(now);
        if (sessions.size() >= sessionsMax && !sessions.containsKey(paymentId)) {
            return false;
        }
        sessions.put(paymentId, new Session(metadata, now));
        return true;
    }

    /** The payment's metadata, its session renewed; null when it has none (or it expired). */
    public synchronized JsonObject metadata(String paymentId) {
        long now = clock.millis();
        Session session = sessions.get(paymentId);
        if (session == null) {
            return null;
        }
        if (now - session.usedAtMs() >= ttlMs) {
            sessions.remove(paymentId);
            return null;
        }
        sessions.put(paymentId, new Session(session.metadata(), now));
        return session.metadata();
    }

    public synchronized int size() {
        return sessions.size();
    }

    private void expire(long now) {
        Iterator<Map.Entry<String, Session>> eldest = sessions.entrySet().iterator();
        while (eldest.hasNext() && now - eldest.next().getValue().usedAtMs() >= ttlMs) {
            eldest.remove();
        }
    }
}
