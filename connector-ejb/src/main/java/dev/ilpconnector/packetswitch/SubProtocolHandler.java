package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.btp.BtpProtocolData;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Speaks one BTP sub-protocol (RFC 23 §ProtocolData) other than {@code ilp} and {@code auth} on
 * authenticated links, e.g. a settlement engine's claims. Registered in {@link SubProtocols}
 * under its protocol name; the link calls it for a Message or Transfer whose protocol data
 * carries that name.
 *
 * <p>Called on the link's receiving thread (a WebSocket thread): return at once and do any I/O
 * on an executor of your own. The stage completes with the protocol data of the BTP Response,
 * or exceptionally with a {@link SubProtocolException} for the BTP Error; any other failure
 * becomes a {@code T00} Error. The link stays up either way.
 */
public interface SubProtocolHandler {

    /** A BTP Message (RFC 23 §Message) from {@code peerId}. */
    CompletionStage<List<BtpProtocolData>> onMessage(String peerId, List<BtpProtocolData> data);

    /**
     * A BTP Transfer (RFC 23 §Transfer) of {@code amount} (unsigned 64-bit) from {@code peerId}.
     * By default refused: a handler that moves value says so by overriding this.
     */
    default CompletionStage<List<BtpProtocolData>> onTransfer(String peerId, long amount,
                                                              List<BtpProtocolData> data) {
        throw SubProtocolException.notAccepted("transfers are not accepted");
    }
}
