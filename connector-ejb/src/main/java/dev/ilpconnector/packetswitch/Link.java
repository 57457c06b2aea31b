package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.btp.BtpProtocolData;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A live connection to one peer, over which Prepares are forwarded (BTP implements it). */
public interface Link {

    String peerId();

    boolean isConnected();

    /** Ends the connection, e.g. when its peer was removed or changed at run time. */
    default void close(String reason) {
    }

    /**
     * Sends the Prepare and completes with the peer's Fulfill or Reject. Never blocks. The switch
     * applies the expiry timeout itself; whoever completes the future first wins, and the link
     * forgets the request then. Completes exceptionally with {@link LinkDownException} when the
     * frame could not be sent.
     */
    CompletableFuture<IlpResponse> sendPrepare(IlpPrepare prepare);

    /**
     * Sends a BTP Message with {@code data} (a sub-protocol request, see {@link SubProtocols})
     * and completes with the protocol data of the peer's Response; exceptionally with a
     * {@link SubProtocolException} when the peer answers with an Error, a
     * {@link LinkDownException} when the link cannot send or closes first. Never blocks; the
     * caller bounds the wait by completing the future itself.
     */
    default CompletableFuture<List<BtpProtocolData>> sendMessage(List<BtpProtocolData> data) {
        return CompletableFuture.failedFuture(
                new LinkDownException("peer=" + peerId() + " link carries no sub-protocols"));
    }

    /**
     * A newer link of the same peer took this one's place in the {@link LinkRegistry}: stop
     * taking new work, answer what is in flight, then close.
     */
    default void replaced() {
    }

    /** As {@link #sendMessage}, in a BTP Transfer of {@code amount} (RFC 23 §Transfer). */
    default CompletableFuture<List<BtpProtocolData>> sendTransfer(long amount,
                                                                  List<BtpProtocolData> data) {
        return CompletableFuture.failedFuture(
                new LinkDownException("peer=" + peerId() + " link carries no transfers"));
    }
}
