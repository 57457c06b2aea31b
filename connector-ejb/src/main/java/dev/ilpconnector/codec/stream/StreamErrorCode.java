package dev.ilpconnector.codec.stream;

/**
 * The error code of a ConnectionClose or StreamClose frame (RFC 29 §5.2, UInt8). Codes this
 * class does not name are kept as they came (a newer peer may send them).
 *
 * @param value the code, 0..255
 */
public record StreamErrorCode(int value) {

    public static final StreamErrorCode NO_ERROR = new StreamErrorCode(0x01);
    public static final StreamErrorCode INTERNAL_ERROR = new StreamErrorCode(0x02);
    public static final StreamErrorCode ENDPOINT_BUSY = new StreamErrorCode(0x03);
    public static final StreamErrorCode FLOW_CONTROL_ERROR = new StreamErrorCode(0x04);
    public static final StreamErrorCode STREAM_ID_ERROR = new StreamErrorCode(0x05);
    public static final StreamErrorCode STREAM_STATE_ERROR = new StreamErrorCode(0x06);
    public static final StreamErrorCode FRAME_FORMAT_ERROR = new StreamErrorCode(0x07);
    public static final StreamErrorCode PROTOCOL_VIOLATION = new StreamErrorCode(0x08);
    public static final StreamErrorCode APPLICATION_ERROR = new StreamErrorCode(0x09);

    private static final String[] NAMES = {null, "NoError", "InternalError", "EndpointBusy",
        "FlowControlError", "StreamIdError", "StreamStateError", "FrameFormatError",
        "ProtocolViolation", "ApplicationError"};

    public StreamErrorCode {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException("STREAM error code out of range: " + value);
        }
    }

    /** The RFC 29 name, e.g. {@code NoError}, or {@code Unknown(0x2a)}. */
    public String name() {
        return value < NAMES.length && NAMES[value] != null ? NAMES[value]
                : String.format("Unknown(0x%02x)", value);
    }

    @Override
    public String toString() {
        return name();
    }
}
