package dev.ilpconnector.stream;

import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.oer.UInt64;
import dev.ilpconnector.codec.stream.Receipt;
import dev.ilpconnector.codec.stream.StreamFrame;
import dev.ilpconnector.codec.stream.StreamFrame.StreamData;
import dev.ilpconnector.codec.stream.StreamFrame.StreamReceipt;
import dev.ilpconnector.codec.stream.StreamPacket;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Prepare the receiver can fulfil: the condition is this connection's, the amount covers
 * the sender's minimum and the money is split over the streams by their StreamMoney shares
 * (RFC 29 §5.3.11; the rounding remainder goes to the last stream, so nothing is lost).
 * The caller answers exactly once with {@link #fulfill()} or {@link #reject}; a zero amount
 * carries no money and callers fulfil it without a business call.
 */
public final class Payable implements StreamPrepare {

    private final StreamReceiver.Context context;
    private final Connection connection;
    private final StreamPacket request;
    private final long amount;
    private final byte[] fulfillment;
    private final long[] streamIds;
    private final long[] amounts;
    private final AtomicBoolean answered = new AtomicBoolean();

    Payable(StreamReceiver.Context context, Connection connection, StreamPacket request,
            long amount, byte[] fulfillment, long[] streamIds, long[] amounts) {
        this.context = context;
        this.connection = connection;
        this.request = request;
        this.amount = amount;
        this.fulfillment = fulfillment;
        this.streamIds = streamIds;
        this.amounts = amounts;
    }

    /** The payment id the connection was opened for (SPSP, business logic). */
    public String paymentId() {
        return connection.paymentId;
    }

    /** The connection token: stable for the connection, opaque, not a secret. */
    public String connectionId() {
        return connection.id;
    }

    /** The Prepare's amount, unsigned 64-bit bit pattern. */
    public long amount() {
        return amount;
    }

    /** The decrypted frames of the Prepare (unknown types included, for display). */
    public List<StreamFrame> frames() {
        return request.frames();
    }

    /** The decrypted STREAM packet of the Prepare. */
    public StreamPacket request() {
        return request;
    }

    /** The bytes of the Prepare's StreamData frames, in frame order (may be empty). */
    public byte[] streamData() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (StreamFrame frame : request.frames()) {
            if (frame instanceof StreamData d) {
                out.writeBytes(d.data());
            }
        }
        return out.toByteArray();
    }

    /**
     * Fulfils: credits the streams, answers with the encrypted reply (StreamMaxMoney with the
     * new totals and, when the connection asked for receipts, a receipt per credited stream).
     *
     * @throws IllegalStateException when this Prepare was answered already
     */
    public IlpFulfill fulfill() {
        answerOnce();
        long[] totals = connection.credit(streamIds, amounts);
        List<StreamFrame> frames = Replies.frames(request, connection, context.asset(),
                context.tellAsset());
        if (connection.receipt.isPresent()) {
            ReceiptRequest r = connection.receipt.get();
            for (int i = 0; i < streamIds.length; i++) {
                if (amounts[i] != 0 && Receipt.canCover(streamIds[i])) {
                    frames.add(new StreamReceipt(streamIds[i], Receipt.create(r.nonce(),
                            streamIds[i], totals[i], r.secret())));
                }
            }
        }
        return new IlpFulfill(fulfillment, connection.keys.seal(new StreamPacket(
                StreamPacket.ILP_FULFILL, request.sequence(), amount, frames)));
    }

    /**
     * Rejects with an encrypted reply; nothing is credited.
     *
     * @param message cut to 8191 UTF-8 bytes (RFC 27); null reads as empty
     * @throws IllegalStateException when this Prepare was answered already
     */
    public IlpReject reject(IlpErrorCode code, String message) {
        Objects.requireNonNull(code, "code");
        answerOnce();
        return context.reject(connection, request, code, message);
    }

    private void answerOnce() {
        if (!answered.compareAndSet(false, true)) {
            throw new IllegalStateException("Prepare already answered");
        }
    }

    @Override
    public String toString() {
        return "Payable[paymentId=" + connection.paymentId + ", amount="
                + UInt64.format(amount) + "]";
    }
}
