package dev.ilpconnector.codec.oer;

/**
 * The one exception the codecs throw for bad input: the message says what is wrong and at
 * which byte offset of the decoded buffer. Callers map it at exactly one boundary
 * (ILP: F01 reject, BTP: BtpError).
 */
public final class CodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    /**
     * @param message what is wrong
     * @param offset byte offset in the decoded buffer, or -1 when not tied to a position
     */
    public CodecException(String message, int offset) {
        super(offset >= 0 ? message + " at offset " + offset : message);
        this.offset = offset;
    }

    public CodecException(String message, int offset, Throwable cause) {
        super(offset >= 0 ? message + " at offset " + offset : message, cause);
        this.offset = offset;
    }

    /** Byte offset of the problem in the decoded buffer, -1 when unknown. */
    public int offset() {
        return offset;
    }
}
