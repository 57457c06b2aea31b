package dev.ilpconnector.codec.stream;

import dev.ilpconnector.codec.oer.UInt64;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A STREAM frame (RFC 29 §5.3): one record per frame type, named as in the RFC. Amounts,
 * offsets and stream ids are unsigned 64-bit bit patterns ({@link UInt64}). A frame type this
 * codec does not know decodes to {@link Unknown} (RFC 29: unknown frames are ignored, not
 * errors) and re-encodes byte for byte. Records holding bytes copy them in and out.
 */
public sealed interface StreamFrame {

    int CONNECTION_CLOSE = 0x01;
    int CONNECTION_NEW_ADDRESS = 0x02;
    int CONNECTION_MAX_DATA = 0x03;
    int CONNECTION_DATA_BLOCKED = 0x04;
    int CONNECTION_MAX_STREAM_ID = 0x05;
    int CONNECTION_STREAM_ID_BLOCKED = 0x06;
    int CONNECTION_ASSET_DETAILS = 0x07;
    int STREAM_CLOSE = 0x10;
    int STREAM_MONEY = 0x11;
    int STREAM_MAX_MONEY = 0x12;
    int STREAM_MONEY_BLOCKED = 0x13;
    int STREAM_DATA = 0x14;
    int STREAM_MAX_DATA = 0x15;
    int STREAM_DATA_BLOCKED = 0x16;
    int STREAM_RECEIPT = 0x17;

    /** The frame type byte. */
    int type();

    /** Whether RFC 29 defines this frame type (others decode to {@link Unknown}). */
    static boolean isKnownType(int type) {
        return (type >= CONNECTION_CLOSE && type <= CONNECTION_ASSET_DETAILS)
                || (type >= STREAM_CLOSE && type <= STREAM_RECEIPT);
    }

    /** The stream this frame is about, or -1 for connection frames (ids are never negative). */
    default long streamIdOrMinusOne() {
        return -1;
    }

    /** 0x01: the sender closes the connection. */
    record ConnectionClose(StreamErrorCode errorCode, String errorMessage)
            implements StreamFrame {
        public ConnectionClose {
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(errorMessage, "errorMessage");
        }

        @Override
        public int type() {
            return CONNECTION_CLOSE;
        }
    }

    /** 0x02: the ILP address the peer sends from (so the other side can send back). */
    record ConnectionNewAddress(String sourceAccount) implements StreamFrame {
        public ConnectionNewAddress {
            Objects.requireNonNull(sourceAccount, "sourceAccount");
        }

        @Override
        public int type() {
            return CONNECTION_NEW_ADDRESS;
        }
    }

    /** 0x03: the connection-level data offset the sender of this frame will accept. */
    record ConnectionMaxData(long maxOffset) implements StreamFrame {
        @Override
        public int type() {
            return CONNECTION_MAX_DATA;
        }
    }

    /** 0x04: the sender of this frame wants to send beyond the peer's connection max. */
    record ConnectionDataBlocked(long maxOffset) implements StreamFrame {
        @Override
        public int type() {
            return CONNECTION_DATA_BLOCKED;
        }
    }

    /** 0x05: the highest stream id the peer may open. */
    record ConnectionMaxStreamId(long maxStreamId) implements StreamFrame {
        @Override
        public int type() {
            return CONNECTION_MAX_STREAM_ID;
        }
    }

    /** 0x06: the sender of this frame wants to open streams beyond the peer's maximum. */
    record ConnectionStreamIdBlocked(long maxStreamId) implements StreamFrame {
        @Override
        public int type() {
            return CONNECTION_STREAM_ID_BLOCKED;
        }
    }

    /** 0x07: the asset the sender of this frame holds (code as UTF-8, scale UInt8). */
    record ConnectionAssetDetails(String sourceAssetCode, int sourceAssetScale)
            implements StreamFrame {
        public ConnectionAssetDetails {
            Objects.requireNonNull(sourceAssetCode, "sourceAssetCode");
            if (sourceAssetScale < 0 || sourceAssetScale > 0xff) {
                throw new IllegalArgumentException("asset scale out of range: "
                        + sourceAssetScale);
            }
        }

        @Override
        public int type() {
            return CONNECTION_ASSET_DETAILS;
        }
    }

    /** 0x10: the sender of this frame closes one stream. */
    record StreamClose(long streamId, StreamErrorCode errorCode, String errorMessage)
            implements StreamFrame {
        public StreamClose {
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(errorMessage, "errorMessage");
        }

        @Override
        public int type() {
            return STREAM_CLOSE;
        }

        @Override
        public long streamIdOrMinusOne() {
            return streamId;
        }
    }

    /** 0x11: this stream's share of the Prepare's amount (shares over all StreamMoney). */
    record StreamMoney(long streamId, long shares) implements StreamFrame {
        @Override
        public int type() {
            return STREAM_MONEY;
        }

        @Override
        public long streamIdOrMinusOne() {
            return streamId;
        }
    }

    /** 0x12: how much the sender of this frame will receive on a stream, and has received. */
    record StreamMaxMoney(long streamId, long receiveMax, long totalReceived)
            implements StreamFrame {
        @Override
        public int type() {
            return STREAM_MAX_MONEY;
        }

        @Override
        public long streamIdOrMinusOne() {
            return streamId;
        }
    }

    /** 0x13: the sender of this frame wants to send more on a stream than the peer allows. */
    record StreamMoneyBlocked(long streamId, long sendMax, long totalSent)
            implements StreamFrame {
        @Override
        public int type() {
            return STREAM_MONEY_BLOCKED;
        }

        @Override
        public long streamIdOrMinusOne() {
            return streamId;
        }
    }

    /** 0x14: application bytes at an offset of a stream. */
    record StreamData(long streamId, long offset, byte[] data) implements StreamFrame {
        public StreamData {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public int type() {
            return STREAM_DATA;
        }

        @Override
        public long streamIdOrMinusOne() {
            return streamId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StreamData f && f.streamId == streamId && f.offset == offset
                    && Arrays.equals(f.data, data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(streamId, offset, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "StreamData[streamId=" + UInt64.format(streamId) + ", offset="
                    + UInt64.format(offset) + ", bytes=" + data.length + "]";
        }
    }

    /** 0x15: the stream data offset the sender of this frame will accept. */
    record StreamMaxData(long streamId, long maxOffset) implements StreamFrame {
        @Override
        public int type() {
            return STREAM_MAX_DATA;
        }

        @Override
        public long streamIdOrMinusOne() {
            return streamId;
        }
    }

    /** 0x16: the sender of this frame wants to send data beyond the peer's stream max. */
    record StreamDataBlocked(long streamId, long maxOffset) implements StreamFrame {
        @Override
        public int type() {
            return STREAM_DATA_BLOCKED;
        }

        @Override
        public long streamIdOrMinusOne() {
            return streamId;
        }
    }

    /** 0x17: an RFC 39 receipt (see {@link Receipt}) for a stream, opaque here. */
    record StreamReceipt(long streamId, byte[] receipt) implements StreamFrame {
        public StreamReceipt {
            receipt = receipt.clone();
        }

        @Override
        public byte[] receipt() {
            return receipt.clone();
        }

        @Override
        public int type() {
            return STREAM_RECEIPT;
        }

        @Override
        public long streamIdOrMinusOne() {
            return streamId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StreamReceipt f && f.streamId == streamId
                    && Arrays.equals(f.receipt, receipt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(streamId, Arrays.hashCode(receipt));
        }

        @Override
        public String toString() {
            return "StreamReceipt[streamId=" + UInt64.format(streamId) + ", receipt="
                    + HexFormat.of().formatHex(receipt) + "]";
        }
    }

    /** A frame type this codec does not know: kept as it came, ignored by the receiver. */
    record Unknown(int type, byte[] contents) implements StreamFrame {
        public Unknown {
            if (type < 0 || type > 0xff || isKnownType(type)) {
                throw new IllegalArgumentException("not an unknown frame type: " + type);
            }
            contents = contents.clone();
        }

        @Override
        public byte[] contents() {
            return contents.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown f && f.type == type
                    && Arrays.equals(f.contents, contents);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, Arrays.hashCode(contents));
        }

        @Override
        public String toString() {
            return "Unknown[type=" + type + ", bytes=" + contents.length + "]";
        }
    }
}
