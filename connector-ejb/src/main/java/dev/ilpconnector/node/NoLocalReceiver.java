package dev.ilpconnector.node;

import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.packetswitch.LocalDelivery;
import dev.ilpconnector.packetswitch.Rejects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Local delivery while no agent runtime is attached: the node's own address receives nothing. */
final class NoLocalReceiver implements LocalDelivery {

    private final Supplier<Rejects> rejects;

    /** @param rejects the node's rejects, signed by its address once it has one */
    NoLocalReceiver(Supplier<Rejects> rejects) {
        this.rejects = rejects;
    }

    @Override
    public CompletableFuture<IlpResponse> deliver(IlpPrepare prepare) {
        return CompletableFuture.completedFuture(rejects.get().reject(IlpErrorCode.F02_UNREACHABLE,
                "no receiver at " + prepare.destination().value()));
    }
}
