package dev.ilpconnector.ledger.tigerbeetle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Natural batching for one TigerBeetle operation: callers queue their events; whenever one of
 * the batcher's lanes has no request in flight, everything queued (up to one request's
 * capacity) goes out on it as one request. An idle ledger sends a lone event at once; a busy
 * one fills requests. A lane is one client session (TigerBeetle allows one request in flight
 * per session): with two, the next request reaches the cluster while the reply to the last
 * one is still on its way back, instead of a round trip later.
 *
 * <p>Bounded: the queue holds {@code queueMax} calls ({@link #offer} refuses beyond) and one
 * request is in flight per lane. A call whose caller gave up (its future completed by a
 * timeout) before it was sent is dropped here and never reaches the cluster.
 *
 * @param <Q> what one caller adds to a request (its events)
 * @param <R> what one caller gets back
 */
final class RequestBatcher<Q, R> {

    /** One caller's part of a request and the future of its answer. */
    static final class Call<Q, R> {
        final Q request;
        /** Events this call adds to the request (a linked chain counts each event). */
        final int events;
        final CompletableFuture<R> answer = new CompletableFuture<>();

        Call(Q request, int events) {
            this.request = request;
            this.events = events;
        }
    }

    /** Sends one request on a lane; completes once the reply is in (the answers may follow). */
    @FunctionalInterface
    interface Sender<Q, R> {
        CompletableFuture<Void> send(int lane, List<Call<Q, R>> calls);
    }

    /** Lanes are bits of one int. */
    static final int LANES_MAX = 31;

    private final ArrayBlockingQueue<Call<Q, R>> queue;
    private final int eventsMax;
    private final int lanes;
    private final Sender<Q, R> sender;
    private final Object drainLock = new Object();
    /** Bit i set: lane i has a request in flight. */
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong requestsSent = new AtomicLong();
    /** Per lane, bumped by {@link #abandon}: a reply of an older request frees nothing. */
    private final AtomicLongArray generation;
    /** Per lane, when the request now in flight was sent (System.nanoTime); 0 when none. */
    private final AtomicLongArray sentAtNanos;

    RequestBatcher(int queueMax, int eventsMax, int lanes, Sender<Q, R> sender) {
        if (lanes < 1 || lanes > LANES_MAX) {
            throw new IllegalArgumentException("lanes 1.." + LANES_MAX + ", not " + lanes);
        }
        this.queue = new ArrayBlockingQueue<>(queueMax);
        this.eventsMax = eventsMax;
        this.lanes = lanes;
        this.sender = sender;
        this.generation = new AtomicLongArray(lanes);
        this.sentAtNanos = new AtomicLongArray(lanes);
    }

    /** Queues the call and sends if a lane is free; false when the queue is full. */
    boolean offer(Call<Q, R> call) {
        if (!queue.offer(call)) {
            return false;
        }
        pump();
        return true;
    }

    /** Requests sent so far (for tests and diagnostics). */
    long requestsSent() {
        return requestsSent.get();
    }

    /** True when a request has been waiting for its reply longer than {@code nanos}. */
    boolean stalledLongerThan(long nanos) {
        long now = System.nanoTime();
        for (int lane = 0; lane < lanes; lane++) {
            long sent = sentAtNanos.get(lane);
            if (sent != 0 && now - sent > nanos) {
                return true;
            }
        }
        return false;
    }

    private void pump() {
        // Checking the queue after taking a lane (and the caller queueing before pumping)
        // means a call queued while every lane was busy is sent by the next reply's pump.
        while (!queue.isEmpty()) {
            int lane = takeLane();
            if (lane < 0) {
                return;
            }
            List<Call<Q, R>> batch = drain();
            if (batch.isEmpty()) {
                freeLane(lane);
                continue;
            }
            sentAtNanos.set(lane, System.nanoTime());
            requestsSent.incrementAndGet();
            long sentIn = generation.get(lane);
            CompletableFuture<Void> reply;
            try {
                reply = sender.send(lane, batch);
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
            reply.whenComplete((ok, failure) -> {
                if (generation.get(lane) == sentIn) {
                    sentAtNanos.set(lane, 0);
                    freeLane(lane);
                }
                if (failure != null) {
                    batch.forEach(call -> call.answer.completeExceptionally(failure));
                }
                pump();
            });
        }
    }

    /** The lowest free lane, now taken; -1 when every lane is busy. */
    private int takeLane() {
        while (true) {
            int taken = busy.get();
            int lane = Integer.numberOfTrailingZeros(~taken);
            if (lane >= lanes) {
                return -1;
            }
            if (busy.compareAndSet(taken, taken | (1 << lane))) {
                return lane;
            }
        }
    }

    private void freeLane(int lane) {
        busy.getAndUpdate(taken -> taken & ~(1 << lane));
    }

    /**
     * Gives up on the lane's request in flight (its client was replaced): its callers have
     * timed out already, its late reply frees nothing, and what is queued goes out now.
     */
    void abandon(int lane) {
        generation.incrementAndGet(lane);
        sentAtNanos.set(lane, 0);
        freeLane(lane);
        pump();
    }

    /** Takes what one request holds; one drainer at a time (peek, then poll what it saw). */
    private List<Call<Q, R>> drain() {
        List<Call<Q, R>> batch = new ArrayList<>();
        int events = 0;
        synchronized (drainLock) {
            for (Call<Q, R> call = queue.peek(); call != null; call = queue.peek()) {
                if (call.answer.isDone()) { // the caller timed out while queued: never send it
                    queue.poll();
                    continue;
                }
                if (events + call.events > eventsMax) {
                    break;
                }
                queue.poll();
                batch.add(call);
                events += call.events;
            }
        }
        return batch;
    }
}
