package dev.ilpconnector.stream;

import dev.ilpconnector.codec.oer.UInt64;
import dev.ilpconnector.codec.stream.StreamFrame;
import dev.ilpconnector.codec.stream.StreamFrame.ConnectionAssetDetails;
import dev.ilpconnector.codec.stream.StreamFrame.StreamData;
import dev.ilpconnector.codec.stream.StreamFrame.StreamDataBlocked;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMaxData;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMaxMoney;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMoney;
import dev.ilpconnector.codec.stream.StreamFrame.StreamMoneyBlocked;
import dev.ilpconnector.codec.stream.StreamPacket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frames the receiver puts in every reply (RFC 29 §5.2): its asset when the sender
 * announces itself or the connection is new here, and for each stream the request moves money
 * or data on, StreamMaxMoney (no limit: the business logic decides, not a stream maximum) and,
 * for data, StreamMaxData one window past what arrived (the receiver keeps no data, it hands
 * each packet's data on).
 */
final class Replies {

    /** Stream data the sender may send beyond what it sent (RFC 29 flow control). */
    static final long DATA_WINDOW_BYTES = 65_536;
    /**
     * Streams a reply speaks of, at most: a request may name thousands, and the reply must
     * fit an ILP packet's 32767 bytes of data (64 streams take about 2 KB, receipts 4 KB).
     */
    static final int STREAMS_MAX = StreamReceiver.STREAMS_PER_CONNECTION_MAX;

    private Replies() {
    }

    static List<StreamFrame> frames(StreamPacket request, Connection connection,
            ReceiverAsset asset, boolean tellAsset) {
        List<StreamFrame> reply = new ArrayList<>(4);
        if (tellAsset) {
            reply.add(new ConnectionAssetDetails(asset.code(), asset.scale()));
        }
        // stream id -> end offset of its data in this packet (0 when it carries none)
        Map<Long, Long> streams = new LinkedHashMap<>();
        for (StreamFrame frame : request.frames()) {
            if (streams.size() == STREAMS_MAX) {
                break;
            }
            if (frame instanceof StreamMoney || frame instanceof StreamMoneyBlocked
                    || frame instanceof StreamMaxMoney) {
                streams.putIfAbsent(frame.streamIdOrMinusOne(), 0L);
            } else if (frame instanceof StreamData d) {
                long end = saturatedAdd(d.offset(), d.data().length);
                streams.merge(d.streamId(), end, Replies::max);
            } else if (frame instanceof StreamDataBlocked b) {
                streams.merge(b.streamId(), b.maxOffset(), Replies::max);
            }
        }
        for (Map.Entry<Long, Long> stream : streams.entrySet()) {
            long id = stream.getKey();
            reply.add(new StreamMaxMoney(id, UInt64.MAX, connection.total(id)));
            if (stream.getValue() != 0) {
                reply.add(new StreamMaxData(id, saturatedAdd(stream.getValue(),
                        DATA_WINDOW_BYTES)));
            }
        }
        return reply;
    }

    private static long max(long a, long b) {
        return UInt64.compare(a, b) >= 0 ? a : b;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return UInt64.compare(sum, a) < 0 ? UInt64.MAX : sum;
    }
}
