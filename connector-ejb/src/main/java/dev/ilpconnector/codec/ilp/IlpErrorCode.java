package dev.ilpconnector.codec.ilp;

/**
 * An ILP error code (RFC 27 §Error Codes): exactly three IA5 characters, the first naming the
 * family ({@code F} final, {@code T} temporary, {@code R} relative). Codes not listed here
 * (e.g. {@code F42}) are valid and are treated by their family.
 *
 * @param code the three characters
 */
public record IlpErrorCode(String code) {

    public static final IlpErrorCode F00_BAD_REQUEST = new IlpErrorCode("F00");
    public static final IlpErrorCode F01_INVALID_PACKET = new IlpErrorCode("F01");
    public static final IlpErrorCode F02_UNREACHABLE = new IlpErrorCode("F02");
    public static final IlpErrorCode F03_INVALID_AMOUNT = new IlpErrorCode("F03");
    public static final IlpErrorCode F04_INSUFFICIENT_DESTINATION_AMOUNT =
            new IlpErrorCode("F04");
    public static final IlpErrorCode F05_WRONG_CONDITION = new IlpErrorCode("F05");
    public static final IlpErrorCode F06_UNEXPECTED_PAYMENT = new IlpErrorCode("F06");
    public static final IlpErrorCode F07_CANNOT_RECEIVE = new IlpErrorCode("F07");
    public static final IlpErrorCode F08_AMOUNT_TOO_LARGE = new IlpErrorCode("F08");
    public static final IlpErrorCode F99_APPLICATION_ERROR = new IlpErrorCode("F99");
    public static final IlpErrorCode T00_INTERNAL_ERROR = new IlpErrorCode("T00");
    public static final IlpErrorCode T01_PEER_UNREACHABLE = new IlpErrorCode("T01");
    public static final IlpErrorCode T02_PEER_BUSY = new IlpErrorCode("T02");
    public static final IlpErrorCode T03_CONNECTOR_BUSY = new IlpErrorCode("T03");
    public static final IlpErrorCode T04_INSUFFICIENT_LIQUIDITY = new IlpErrorCode("T04");
    public static final IlpErrorCode T05_RATE_LIMITED = new IlpErrorCode("T05");
    public static final IlpErrorCode T99_APPLICATION_ERROR = new IlpErrorCode("T99");
    public static final IlpErrorCode R00_TRANSFER_TIMED_OUT = new IlpErrorCode("R00");
    public static final IlpErrorCode R01_INSUFFICIENT_SOURCE_AMOUNT = new IlpErrorCode("R01");
    public static final IlpErrorCode R02_INSUFFICIENT_TIMEOUT = new IlpErrorCode("R02");
    public static final IlpErrorCode R99_APPLICATION_ERROR = new IlpErrorCode("R99");

    public IlpErrorCode {
        String problem = problem(code);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static IlpErrorCode of(String code) {
        return new IlpErrorCode(code);
    }

    /**
     * Why {@code code} is not a valid error code, or null. RFC 27: IA5String (SIZE (3)); the
     * family letter must be F, T or R so that receivers can act on unknown codes; the other
     * two characters must be printable IA5 (no control characters, no space).
     */
    public static String problem(String code) {
        if (code == null) {
            return "error code is null";
        }
        if (code.length() != 3) {
            return "error code must be 3 characters";
        }
        char family = code.charAt(0);
        if (family != 'F' && family != 'T' && family != 'R') {
            return "error code family must be F, T or R";
        }
        for (int i = 1; i < 3; i++) {
            char c = code.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return "error code character " + i + " is not printable IA5";
            }
        }
        return null;
    }

    /** 'F' (final), 'T' (temporary) or 'R' (relative). */
    public char family() {
        return code.charAt(0);
    }

    @Override
    public String toString() {
        return code;
    }
}
