package dev.ilpconnector.web.btp;

import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Takes an incoming Prepare off a BTP session: the packet switch's
 * {@code handle(sourcePeerId, prepare)} in the server. Non-blocking; never throws.
 */
@FunctionalInterface
public interface PrepareHandler {

    CompletableFuture<IlpResponse> handle(String sourcePeerId, IlpPrepare prepare);
}
