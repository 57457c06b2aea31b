package dev.ilpconnector.ledger.tigerbeetle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Natural batching for one TigerBeetle operation: callers queue their events; whenever no
 * request of this operation is in flight, everything queued (up to one request's capacity) goes
 * out as one request. An idle ledger sends a lone event at once; a busy one fills requests.
 *
 * <p>Bounded: the queue holds {@code queueMax} calls ({@link #offer} refuses beyond) and one
 * request is in flight at a time. A call whose caller gave up (its future completed by a
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

    private final ArrayBlockingQueue<Call<Q, R>> queue;
    private final int eventsMax;
    /** Sends one request; completes once the reply is in (the answers may follow). */
    private final Function<List<Call<Q, R>>, CompletableFuture<Void>> sender;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicLong requestsSent = new AtomicLong();
    /** Bumped by {@link #abandon}: a reply of an older request no longer frees the slot. */
    private final AtomicLong generation = new AtomicLong();
    /** When the request now in flight was sent (System.nanoTime); 0 when none. */
    private volatile long sentAtNanos;

    RequestBatcher(int queueMax, int eventsMax,
                   Function<List<Call<Q, R>>, CompletableFuture<Void>> sender) {
        this.queue = new ArrayBlockingQueue<>(queueMax);
        this.eventsMax = eventsMax;
        this.sender = sender;
    }

    /** Queues the call and sends if nothing is in flight; false when the queue is full. */
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
        long sent = sentAtNanos;
        return sent != 0 && System.nanoTime() - sent > nanos;
    }

    private void pump() {
        // Checking the queue after taking the flag (and the caller queueing before pumping)
        // means a call queued while a request was in flight is sent by that request's pump.
        while (!queue.isEmpty() && inFlight.compareAndSet(false, true)) {
            List<Call<Q, R>> batch = drain();
            if (batch.isEmpty()) {
                inFlight.set(false);
                continue;
            }
            sentAtNanos = System.nanoTime();
            requestsSent.incrementAndGet();
            long sentIn = generation.get();
            CompletableFuture<Void> reply;
            try {
                reply = sender.apply(batch);
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
            reply.whenComplete((ok, failure) -> {
                if (generation.get() == sentIn) {
                    sentAtNanos = 0;
                    inFlight.set(false);
                }
                if (failure != null) {
                    batch.forEach(call -> call.answer.completeExceptionally(failure));
                }
                pump();
            });
            return;
        }
    }

    /**
     * Gives up on the request in flight (its client was replaced): its callers have timed out
     * already, its late reply frees nothing, and what is queued goes out now.
     */
    void abandon() {
        generation.incrementAndGet();
        sentAtNanos = 0;
        inFlight.set(false);
        pump();
    }

    private List<Call<Q, R>> drain() {
        List<Call<Q, R>> batch = new ArrayList<>();
        int events = 0;
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
        return batch;
    }
}
