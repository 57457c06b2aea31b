package dev.ilpconnector.node;

import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.packetswitch.LocalDelivery;
import dev.ilpconnector.packetswitch.Rejects;
import java.util.concurrent.CompletableFuture;

/** Local delivery while no agent runtime is attached: the node's own address receives nothing. */
final class NoLocalReceiver implements LocalDelivery {

    private final Rejects rejects;

    NoLocalReceiver(IlpAddress self) {
        this.rejects = new Rejects(self);
    }

    @Override
    public CompletableFuture<IlpResponse> deliver(IlpPrepare prepare) {
        return CompletableFuture.completedFuture(rejects.reject(IlpErrorCode.F02_UNREACHABLE,
                "no receiver at " + prepare.destination().value()));
    }
}
