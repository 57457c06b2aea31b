package dev.ilpconnector.ledger.tigerbeetle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Lanes: one request in flight per lane, what queues meanwhile goes out on the first free. */
class RequestBatcherTest {

    /** A request the test answers by hand. */
    private record Sent(int lane, List<String> calls, CompletableFuture<Void> reply) {
    }

    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final RequestBatcher<String, String> batcher = new RequestBatcher<>(100, 8190, 2,
            (lane, calls) -> {
                Sent s = new Sent(lane, calls.stream().map(c -> c.request).toList(),
                        new CompletableFuture<>());
                sent.add(s);
                return s.reply;
            });

    @Test
    void eachLaneCarriesOneRequestAndTheQueueGoesOutOnTheFirstLaneFreed() {
        offer("a");
        offer("b");
        offer("c");
        offer("d");
        assertEquals(List.of(new Sent(0, List.of("a"), sent.get(0).reply),
                new Sent(1, List.of("b"), sent.get(1).reply)), sent, "c and d wait");

        sent.get(1).reply.complete(null);
        assertEquals(3, sent.size());
        assertEquals(1, sent.get(2).lane());
        assertEquals(List.of("c", "d"), sent.get(2).calls(), "one request for both");
        assertEquals(3, batcher.requestsSent());
    }

    @Test
    void anAbandonedLaneSendsAtOnceAndItsLateReplyFreesNothing() {
        offer("a");
        offer("b");
        offer("c");
        batcher.abandon(0);
        assertEquals(List.of("c"), sent.get(2).calls());
        assertEquals(0, sent.get(2).lane());
        sent.get(0).reply.complete(null); // the abandoned request's late reply
        offer("d");
        assertEquals(3, sent.size(), "both lanes still busy: d waits");
        sent.get(2).reply.complete(null);
        assertEquals(List.of("d"), sent.get(3).calls());
    }

    /** Many callers, replies on other threads: every call goes out exactly once. */
    @Test
    void concurrentCallersAndRepliesSendEveryCallOnce() throws Exception {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        ExecutorService replies = Executors.newFixedThreadPool(2);
        RequestBatcher<String, String> busy = new RequestBatcher<>(100_000, 50, 2,
                (lane, calls) -> CompletableFuture.runAsync(() -> calls.forEach(c -> {
                    out.add(c.request);
                    c.answer.complete(c.request);
                }), replies));
        int threads = 4;
        int each = 5_000;
        CountDownLatch done = new CountDownLatch(threads);
        List<RequestBatcher.Call<String, String>> calls =
                Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int thread = t;
            new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    RequestBatcher.Call<String, String> call =
                            new RequestBatcher.Call<>(thread + ":" + i, 1);
                    calls.add(call);
                    assertTrue(busy.offer(call));
                }
                done.countDown();
            }).start();
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        CompletableFuture.allOf(calls.stream().map(c -> c.answer)
                .toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        replies.shutdown();
        assertEquals(threads * each, out.size());
        assertEquals(threads * each, out.stream().distinct().count(), "none sent twice");
    }

    private void offer(String request) {
        assertTrue(batcher.offer(new RequestBatcher.Call<>(request, 1)));
    }
}
