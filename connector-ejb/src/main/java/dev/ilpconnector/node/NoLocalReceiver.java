package dev.ilpconnector.node;

import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.packetswitch.LocalDelivery;
import dev.ilpconnector.packetswitch.Rejects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Local delivery while no agent runtime is attached. Without local delivery the node's own
 * address receives nothing (F02, final). With it, the agent is starting or restarting: T00,
 * so that senders try again rather than give up on a receiver that is about to be there.
 */
final class NoLocalReceiver implements LocalDelivery {

    private final Supplier<Rejects> rejects;
    private final BooleanSupplier agentExpected;

    /**
     * @param rejects       the node's rejects, signed by its address once it has one
     * @param agentExpected whether local delivery is enabled (an agent will attach)
     */
    NoLocalReceiver(Supplier<Rejects> rejects, BooleanSupplier agentExpected) {
        this.rejects = rejects;
        this.agentExpected = agentExpected;
    }

    @Override
    public CompletableFuture<IlpResponse> deliver(IlpPrepare prepare) {
        if (agentExpected.getAsBoolean()) {
            return CompletableFuture.completedFuture(rejects.get().reject(
                    IlpErrorCode.T00_INTERNAL_ERROR, "agent runtime not started yet"));
        }
        return CompletableFuture.completedFuture(rejects.get().reject(IlpErrorCode.F02_UNREACHABLE,
                "no receiver at " + prepare.destination().value()));
    }
}
