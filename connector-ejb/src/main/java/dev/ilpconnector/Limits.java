package dev.ilpconnector;

/**
 * Every size, count and time bound of the connector as a named constant, with its unit in the
 * name and the RFC that sets it. Decoders check wire lengths against these before allocating.
 */
public final class Limits {

    // ---------------------------------------------------------------- ILP addresses (RFC 15)

    /** RFC 15 §Address Requirements: an ILP address is at most 1023 characters. */
    public static final int ADDRESS_CHARS_MAX = 1023;

    // ---------------------------------------------------------------- ILPv4 packets (RFC 27)

    /** RFC 27 §Packet format: data of Prepare, Fulfill and Reject is OCTET STRING (0..32767). */
    public static final int DATA_BYTES_MAX = 32_767;

    /** RFC 27 §ILP Reject: message is UTF8String (SIZE (0..8191)); counted here in bytes. */
    public static final int REJECT_MESSAGE_BYTES_MAX = 8_191;

    /** RFC 27: execution condition and fulfillment are UInt256. */
    public static final int CONDITION_BYTES = 32;

    /** RFC 27 §Timestamp: expiresAt is the fixed 17-character YYYYMMDDHHmmssfff (UTC). */
    public static final int TIMESTAMP_CHARS = 17;

    /** RFC 27 §ILP Reject: code is IA5String (SIZE (3)). */
    public static final int ERROR_CODE_CHARS = 3;

    /** RFC 27 Prepare content: amount, expiresAt, condition, destination, data (largest case). */
    public static final int PREPARE_CONTENT_BYTES_MAX =
            8 + TIMESTAMP_CHARS + CONDITION_BYTES + 3 + ADDRESS_CHARS_MAX + 3 + DATA_BYTES_MAX;

    /** RFC 27 Reject content: code, triggeredBy, message, data (largest case; the biggest). */
    public static final int REJECT_CONTENT_BYTES_MAX =
            ERROR_CODE_CHARS + 3 + ADDRESS_CHARS_MAX + 3 + REJECT_MESSAGE_BYTES_MAX
                    + 3 + DATA_BYTES_MAX;

    /** RFC 27 envelope content (bytes): the largest of Prepare, Fulfill, Reject content. */
    public static final int ILP_CONTENT_BYTES_MAX =
            Math.max(PREPARE_CONTENT_BYTES_MAX, REJECT_CONTENT_BYTES_MAX);

    /** Largest encoded ILP packet in bytes: type (1) + length prefix (3) + content. */
    public static final int ILP_PACKET_BYTES_MAX = 1 + 3 + ILP_CONTENT_BYTES_MAX;

    /** RFC 27 F08 data: UInt64 receivedAmount + UInt64 maximumAmount (bytes). */
    public static final int AMOUNT_TOO_LARGE_DATA_BYTES = 16;

    // ---------------------------------------------------------------- BTP 2.0 (RFC 23)

    /**
     * Largest BTP frame (one WebSocket binary message) in bytes. RFC 23 sets no bound; this one
     * holds the largest ILP packet plus auth and settlement side protocols.
     */
    public static final int BTP_FRAME_BYTES_MAX = 65_536;

    /** Protocol data entries per BTP packet (count). RFC 23 sets no bound; auth uses 3. */
    public static final int PROTOCOL_DATA_ENTRIES_MAX = 16;

    /** Characters of a BTP protocolName (IA5String). RFC 23 sets no bound. */
    public static final int PROTOCOL_NAME_CHARS_MAX = 255;

    /** RFC 23 §Error: data is OCTET STRING (SIZE (0..8192)). */
    public static final int BTP_ERROR_DATA_BYTES_MAX = 8_192;

    /** Characters of a BTP Error name (IA5String). RFC 23 sets no bound. */
    public static final int BTP_ERROR_NAME_CHARS_MAX = 255;

    /** BTP GeneralizedTime characters: YYYYMMDDHHMMSS + '.' + up to 9 digits + 'Z'. */
    public static final int GENERALIZED_TIME_CHARS_MAX = 25;

    // ---------------------------------------------------------------- IL-DCP (RFC 31)

    /** RFC 31 assetCode (UTF-8 bytes). RFC 31 sets no bound; real codes are 3-5 chars. */
    public static final int ASSET_CODE_BYTES_MAX = 255;

    /** RFC 31 assetScale is UInt8. */
    public static final int ASSET_SCALE_MAX = 255;

    private Limits() {
    }
}
