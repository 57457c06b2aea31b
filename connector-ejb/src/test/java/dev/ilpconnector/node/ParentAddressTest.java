package dev.ilpconnector.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.ildcp.Ildcp;
import dev.ilpconnector.codec.ildcp.IldcpResponse;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.packetswitch.Link;
import dev.ilpconnector.packetswitch.LinkRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A node without ILP_ADDRESS learns it from its parent by IL-DCP, retrying until it works. */
class ParentAddressTest {

    final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    final LinkRegistry links = new LinkRegistry();
    final Deque<Runnable> timers = new ArrayDeque<>();
    final List<Long> delays = new ArrayList<>();
    final List<IldcpResponse> learned = new ArrayList<>();
    final Deque<IlpResponse> answers = new ArrayDeque<>();
    final List<IlpPrepare> sent = new ArrayList<>();
    final IldcpResponse assigned = new IldcpResponse(IlpAddress.of("test.up.me"), 9, "XRP");

    final ParentAddress parent = new ParentAddress("up", "XRP", 9, links, (task, ms) -> {
        timers.add(task);
        delays.add(ms);
    }, clock, learned::add);

    final Link link = link("up", prepare -> {
        sent.add(prepare);
        return answers.poll();
    });

    static Link link(String peerId, Function<IlpPrepare, IlpResponse> answer) {
        return new Link() {
            @Override
            public String peerId() {
                return peerId;
            }

            @Override
            public boolean isConnected() {
                return true;
            }

            @Override
            public CompletableFuture<IlpResponse> sendPrepare(IlpPrepare prepare) {
                return CompletableFuture.completedFuture(answer.apply(prepare));
            }
        };
    }

    void runTimers() {
        while (!timers.isEmpty()) {
            timers.poll().run();
        }
    }

    @Test
    void asksOnceTheParentLinkIsUpAndRetriesUntilAnswered() {
        links.addListener(parent);
        assertTrue(parent.status().contains("waiting for the link to parent up"));
        answers.add(IlpReject.of(IlpErrorCode.T01_PEER_UNREACHABLE, IlpAddress.of("test.up"),
                "busy"));
        answers.add(Ildcp.fulfill(assigned));

        links.register(link);
        timers.poll().run();

        assertEquals(1, sent.size());
        assertTrue(Ildcp.isRequest(sent.get(0)));
        assertEquals(List.of(), learned);
        assertTrue(parent.status().contains("refused T01 busy"), parent.status());
        assertEquals(ParentAddress.RETRY_MS, delays.get(delays.size() - 1));

        runTimers();

        assertEquals(List.of(assigned), learned);
        assertEquals(2, sent.size());
        // taken once: a reconnect asks nothing more
        links.unregister(link);
        links.register(link);
        runTimers();
        assertEquals(2, sent.size());
    }

    @Test
    void anAddressInAnotherAssetIsNotTaken() {
        links.addListener(parent);
        answers.add(Ildcp.fulfill(new IldcpResponse(IlpAddress.of("test.up.me"), 6, "XRP")));
        answers.add(Ildcp.fulfill(new IldcpResponse(IlpAddress.of("test.up.me"), 9, "USD")));

        links.register(link);
        timers.poll().run();
        assertEquals(List.of(), learned);
        assertTrue(parent.status().contains("parent's asset is XRP/6, configured"
                + " peer.up.asset.code/asset.scale XRP/9"), parent.status());
        timers.poll().run();
        assertEquals(List.of(), learned);
        assertTrue(parent.status().contains("USD/9"), parent.status());
        assertEquals(2, sent.size());
    }

    @Test
    void noRequestWhileTheParentLinkIsDownAndOtherLinksDoNotCount() {
        links.addListener(parent);
        Link other = link("peer", prepare -> {
            throw new AssertionError("IL-DCP goes to the parent only");
        });
        links.register(other);
        runTimers();
        parent.request();
        assertEquals(List.of(), sent);
    }
}
