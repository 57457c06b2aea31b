package dev.ilpconnector.stream;

import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.oer.UInt64;
import dev.ilpconnector.codec.stream.Receipt;
import dev.ilpconnector.codec.stream.StreamFrame;
import dev.ilpconnector.codec.stream.StreamFrame.StreamData;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMaxData;
import dev.ilpconnector.codec.stream.StreamFrame.StreamReceipt;
import dev.ilpconnector.codec.stream.StreamPacket;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * A Prepare the receiver can fulfil: the condition is this connection's, the amount covers
 * the sender's minimum and the money is split over the streams by their StreamMoney shares
 * (RFC 29 §5.3.11; the rounding remainder goes to the last stream, so nothing is lost).
 * The caller answers exactly once with {@link #fulfill()} or {@link #reject}; a zero amount
 * carries no money and callers fulfil it without a business call.
 */
public final class Payable implements StreamPrepare {

    private static final Logger LOG = Logger.getLogger(Payable.class.getName());
    /**
     * Reply data one Fulfill carries at most: with up to 64 streams' frames and receipts the
     * reply stays well inside an ILP packet's 32767 bytes of data.
     */
    public static final int REPLY_DATA_MAX = 16_384;

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
        return fulfill(new byte[0]);
    }

    /**
     * As {@link #fulfill()}, and sends {@code replyData} (the business logic's answer) back in
     * the reply as StreamData on the stream the money went to (the last one when it was split),
     * at that stream's next outgoing offset. Only within the window the sender gave in this
     * Prepare's StreamMaxData (ilp-protocol-stream closes a connection that exceeds it): data
     * beyond it is left out, logged {@code event=stream_reply_data_dropped}; the money is
     * fulfilled either way.
     *
     * @param replyData at most {@link #REPLY_DATA_MAX} bytes
     * @throws IllegalStateException when this Prepare was answered already
     */
    public IlpFulfill fulfill(byte[] replyData) {
        if (replyData.length > REPLY_DATA_MAX) {
            throw new IllegalArgumentException("reply data over " + REPLY_DATA_MAX + " bytes");
        }
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
        StreamData reply = replyData.length == 0 || streamIds.length == 0 ? null
                : replyData(streamIds[streamIds.length - 1], replyData);
        if (reply != null) {
            frames.add(reply);
        }
        return new IlpFulfill(fulfillment, connection.keys.seal(new StreamPacket(
                StreamPacket.ILP_FULFILL, request.sequence(), amount, frames)));
    }

    /** The StreamData frame of reply data; null when it does not fit the sender's window. */
    private StreamData replyData(long streamId, byte[] data) {
        long window = 0;
        for (StreamFrame frame : request.frames()) {
            if (frame instanceof StreamMaxData m && m.streamId() == streamId) {
                window = m.maxOffset();
            }
        }
        long offset = connection.takeDataOffset(streamId, window, data.length);
        if (offset < 0) {
            LOG.warning(() -> "event=stream_reply_data_dropped paymentId=" + paymentId()
                    + " streamId=" + UInt64.format(streamId) + " bytes=" + data.length
                    + " reason=\"beyond the sender's StreamMaxData\"");
            return null;
        }
        return new StreamData(streamId, offset, data);
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
