package dev.ilpconnector.codec.ilp;

import dev.ilpconnector.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * ILP Reject (RFC 27 §ILP Reject): error code, the address of the node that rejected
 * ({@code triggeredBy}; the empty string is accepted because the JavaScript stack emits it),
 * a UTF-8 message of at most 8191 bytes and up to 32767 bytes of data.
 */
public final class IlpReject implements IlpResponse {

    private final IlpErrorCode code;
    private final String triggeredBy;
    private final String message;
    private final byte[] messageUtf8;
    private final byte[] data;

    public IlpReject(IlpErrorCode code, String triggeredBy, String message, byte[] data) {
        this(code, triggeredBy, message, utf8(message), data.clone());
    }

    /** A reject without data. */
    public static IlpReject of(IlpErrorCode code, IlpAddress triggeredBy, String message) {
        return new IlpReject(code, triggeredBy.value(), message, new byte[0]);
    }

    private static byte[] utf8(String message) {
        return Objects.requireNonNull(message, "message").getBytes(StandardCharsets.UTF_8);
    }

    /** Takes ownership of the arrays (codec-internal: no copy). */
    IlpReject(IlpErrorCode code, String triggeredBy, String message, byte[] messageUtf8,
            byte[] data) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        String problem = triggeredByProblem(triggeredBy);
        if (problem != null) {
            throw new IllegalArgumentException("triggeredBy: " + problem);
        }
        if (messageUtf8.length > Limits.REJECT_MESSAGE_BYTES_MAX) {
            throw new IllegalArgumentException("message longer than "
                    + Limits.REJECT_MESSAGE_BYTES_MAX + " UTF-8 bytes");
        }
        if (data.length > Limits.DATA_BYTES_MAX) {
            throw new IllegalArgumentException("data longer than " + Limits.DATA_BYTES_MAX);
        }
        this.code = code;
        this.triggeredBy = triggeredBy;
        this.message = message;
        this.messageUtf8 = messageUtf8;
        this.data = data;
    }

    /** Null when {@code triggeredBy} is "" or a valid address, else the problem. */
    static String triggeredByProblem(String triggeredBy) {
        if (triggeredBy == null) {
            return "is null";
        }
        return triggeredBy.isEmpty() ? null : IlpAddress.problem(triggeredBy);
    }

    @Override
    public int typeId() {
        return TYPE_REJECT;
    }

    public IlpErrorCode code() {
        return code;
    }

    /** Address of the rejecting node, or "" when the sender left it empty. */
    public String triggeredBy() {
        return triggeredBy;
    }

    public String message() {
        return message;
    }

    byte[] messageUtf8NoCopy() {
        return messageUtf8;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int dataLength() {
        return data.length;
    }

    byte[] dataNoCopy() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IlpReject r && code.equals(r.code)
                && triggeredBy.equals(r.triggeredBy) && message.equals(r.message)
                && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, triggeredBy, message, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "IlpReject[code=" + code + ", triggeredBy=" + triggeredBy + ", message="
                + message + ", dataBytes=" + data.length + "]";
    }
}
