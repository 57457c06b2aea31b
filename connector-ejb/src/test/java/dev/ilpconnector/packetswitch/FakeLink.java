package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A peer link that answers with a scripted function and records what it was sent. */
final class FakeLink implements Link {

    private final String peerId;
    private final Function<IlpPrepare, CompletableFuture<IlpResponse>> answer;
    final List<IlpPrepare> sent = new CopyOnWriteArrayList<>();
    volatile boolean connected = true;

    FakeLink(String peerId, Function<IlpPrepare, CompletableFuture<IlpResponse>> answer) {
        this.peerId = peerId;
        this.answer = answer;
    }

    @Override
    public String peerId() {
        return peerId;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public CompletableFuture<IlpResponse> sendPrepare(IlpPrepare prepare) {
        sent.add(prepare);
        return answer.apply(prepare);
    }
}
