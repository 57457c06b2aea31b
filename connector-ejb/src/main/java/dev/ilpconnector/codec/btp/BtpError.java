package dev.ilpconnector.codec.btp;

import dev.ilpconnector.Limits;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * BTP Error (RFC 23, type 2): the failed answer to a request. {@code code} is three printable
 * IA5 characters (e.g. F00), {@code name} an IA5 name (e.g. NotAcceptedError),
 * {@code triggeredAt} a GeneralizedTime (millisecond precision here; finer input is truncated)
 * and {@code data} at most 8192 bytes.
 *
 * @param requestId unsigned 32-bit id of the request answered
 * @param code three-character error code
 * @param name error name, printable IA5, at most 255 characters (may be empty)
 * @param triggeredAt when the error was emitted
 * @param data additional data (copied in and out)
 * @param protocolData side protocol entries
 */
public record BtpError(long requestId, String code, String name, Instant triggeredAt,
        byte[] data, List<BtpProtocolData> protocolData) implements BtpPacket {

    public BtpError {
        BtpChecks.requestId(requestId);
        String problem = codeProblem(code);
        if (problem == null) {
            problem = nameProblem(name);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        triggeredAt = GeneralizedTime.truncate(Objects.requireNonNull(triggeredAt,
                "triggeredAt"));
        if (!GeneralizedTime.isRepresentable(triggeredAt)) {
            throw new IllegalArgumentException("triggeredAt outside years 0000..9999");
        }
        if (data.length > Limits.BTP_ERROR_DATA_BYTES_MAX) {
            throw new IllegalArgumentException("data longer than "
                    + Limits.BTP_ERROR_DATA_BYTES_MAX);
        }
        data = data.clone();
        protocolData = BtpChecks.protocolData(protocolData);
    }

    /** RFC 23 Error.code: IA5String (SIZE (3)); printable characters only. */
    static String codeProblem(String code) {
        if (code == null || code.length() != 3) {
            return "code must be 3 characters";
        }
        return printableProblem(code, "code");
    }

    /** RFC 23 Error.name: IA5String; printable characters and space, bounded by Limits. */
    static String nameProblem(String name) {
        if (name == null) {
            return "name is null";
        }
        if (name.length() > Limits.BTP_ERROR_NAME_CHARS_MAX) {
            return "name longer than " + Limits.BTP_ERROR_NAME_CHARS_MAX;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "name character " + i + " is not printable IA5";
            }
        }
        return null;
    }

    private static String printableProblem(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return what + " character " + i + " is not printable IA5";
            }
        }
        return null;
    }

    @Override
    public int typeId() {
        return TYPE_ERROR;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    int dataLength() {
        return data.length;
    }

    byte[] dataNoCopy() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BtpError e && requestId == e.requestId && code.equals(e.code)
                && name.equals(e.name) && triggeredAt.equals(e.triggeredAt)
                && Arrays.equals(data, e.data) && protocolData.equals(e.protocolData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, code, name, triggeredAt, Arrays.hashCode(data),
                protocolData);
    }

    @Override
    public String toString() {
        return "BtpError[requestId=" + requestId + ", code=" + code + ", name=" + name
                + ", triggeredAt=" + triggeredAt + ", dataBytes=" + data.length
                + ", protocolData=" + protocolData + "]";
    }
}
