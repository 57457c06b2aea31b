package dev.ilpconnector.codec.btp;

import dev.ilpconnector.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One BTP protocol data entry (RFC 23 §ProtocolData): a protocol name (IA5String; here 1..255
 * printable ASCII characters), a content type byte ({@code 0} octet-stream, {@code 1} text/plain
 * UTF-8, {@code 2} JSON; any 0..255 is carried) and the data, copied in and out.
 * {@link #toString()} prints only the data length, so auth tokens never reach a log.
 *
 * <p>A final class rather than a record: the decoder hands over the array it has just read,
 * where a record's constructor would have to copy it once more for every entry of every frame.
 */
public final class BtpProtocolData {

    /** RFC 23 ContentType applicationOctetStream. */
    public static final int CONTENT_OCTET_STREAM = 0;
    /** RFC 23 ContentType textPlainUtf8. */
    public static final int CONTENT_TEXT_PLAIN_UTF8 = 1;
    /** RFC 23 ContentType applicationJson. */
    public static final int CONTENT_JSON = 2;

    /** Sub-protocol name reserved for ILP packets (RFC 23). */
    public static final String ILP = "ilp";
    /** RFC 23 §Authentication: first message carries auth, auth_username, auth_token. */
    public static final String AUTH = "auth";
    public static final String AUTH_USERNAME = "auth_username";
    public static final String AUTH_TOKEN = "auth_token";

    private final String protocolName;
    private final int contentType;
    private final byte[] data;

    /**
     * @param protocolName e.g. {@code ilp}, {@code auth}, {@code auth_token}
     * @param contentType  0..255
     * @param data         the payload (copied)
     */
    public BtpProtocolData(String protocolName, int contentType, byte[] data) {
        this(protocolName, contentType, data.clone(), true);
    }

    /** Takes ownership of {@code data} (codec-internal: the decoder's fresh array). */
    BtpProtocolData(String protocolName, int contentType, byte[] data, boolean owned) {
        String problem = nameProblem(protocolName);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (contentType < 0 || contentType > 0xff) {
            throw new IllegalArgumentException("contentType must be 0..255");
        }
        this.protocolName = protocolName;
        this.contentType = contentType;
        this.data = data;
    }

    public String protocolName() {
        return protocolName;
    }

    public int contentType() {
        return contentType;
    }

    /** Null when {@code name} is a valid protocol name, else why not. */
    static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "protocolName must not be empty";
        }
        if (name.length() > Limits.PROTOCOL_NAME_CHARS_MAX) {
            return "protocolName longer than " + Limits.PROTOCOL_NAME_CHARS_MAX;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return "protocolName character " + i + " is not printable IA5";
            }
        }
        return null;
    }

    /**
     * The {@code ilp} entry carrying an ILP packet (octet-stream). Takes the array without a
     * copy (every packet the node forwards passes here): the caller hands over an encoded
     * packet that nobody changes afterwards.
     */
    public static BtpProtocolData ilp(byte[] ilpPacket) {
        return new BtpProtocolData(ILP, CONTENT_OCTET_STREAM, ilpPacket, true);
    }

    /** The empty {@code auth} entry that opens a BTP session (RFC 23 §Authentication). */
    public static BtpProtocolData auth() {
        return new BtpProtocolData(AUTH, CONTENT_OCTET_STREAM, new byte[0]);
    }

    /** {@code auth_username} (text/plain UTF-8; may be empty). */
    public static BtpProtocolData authUsername(String username) {
        return new BtpProtocolData(AUTH_USERNAME, CONTENT_TEXT_PLAIN_UTF8,
                username.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code auth_token} (text/plain UTF-8). */
    public static BtpProtocolData authToken(String token) {
        return new BtpProtocolData(AUTH_TOKEN, CONTENT_TEXT_PLAIN_UTF8,
                token.getBytes(StandardCharsets.UTF_8));
    }

    /** The first entry named {@code name}. */
    public static Optional<BtpProtocolData> find(List<BtpProtocolData> entries, String name) {
        for (BtpProtocolData entry : entries) {
            if (entry.protocolName.equals(name)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    public byte[] data() {
        return data.clone();
    }

    /**
     * Decodes the payload where it lies, without the copy {@link #data()} makes (the node
     * decodes every ILP packet it receives this way). {@code decoder} must only read the array,
     * and only during the call.
     */
    public <T> T decodeData(Function<byte[], T> decoder) {
        return decoder.apply(data);
    }

    int dataLength() {
        return data.length;
    }

    byte[] dataNoCopy() {
        return data;
    }

    /** The data as UTF-8 text (malformed sequences replaced), e.g. for auth_username. */
    public String dataAsText() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BtpProtocolData p && protocolName.equals(p.protocolName)
                && contentType == p.contentType && Arrays.equals(data, p.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocolName, contentType, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "BtpProtocolData[protocolName=" + protocolName + ", contentType=" + contentType
                + ", dataBytes=" + data.length + "]";
    }
}
