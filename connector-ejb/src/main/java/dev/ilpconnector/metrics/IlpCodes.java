package dev.ilpconnector.metrics;

import dev.ilpconnector.codec.ilp.IlpErrorCode;
import java.util.List;

/**
 * The reject codes RFC 27 defines, each with a small index; any other code a peer makes up
 * (three IA5 characters it chose) is {@code other}, so the label stays a fixed set.
 */
final class IlpCodes {

    /** RFC 27 §Error Codes, in the RFC's order; {@link #OTHER} follows them. */
    static final List<String> CODES = List.of(
            "F00", "F01", "F02", "F03", "F04", "F05", "F06", "F07", "F08", "F99",
            "T00", "T01", "T02", "T03", "T04", "T05", "T99",
            "R00", "R01", "R02", "R99");
    static final String OTHER_LABEL = "other";
    static final int OTHER = CODES.size();
    /** Indexes: every code and other. */
    static final int COUNT = CODES.size() + 1;

    private IlpCodes() {
    }

    /** The code's index, without allocating: a class letter and two digits. */
    static int index(IlpErrorCode code) {
        String c = code.code();
        if (c.length() != 3 || c.charAt(1) < '0' || c.charAt(1) > '9' || c.charAt(2) < '0'
                || c.charAt(2) > '9') {
            return OTHER;
        }
        int n = (c.charAt(1) - '0') * 10 + (c.charAt(2) - '0');
        int base;
        int last;
        switch (c.charAt(0)) {
            case 'F' -> {
                base = 0;
                last = 8;
            }
            case 'T' -> {
                base = 10;
                last = 5;
            }
            case 'R' -> {
                base = 17;
                last = 2;
            }
            default -> {
                return OTHER;
            }
        }
        if (n <= last) {
            return base + n;
        }
        return n == 99 ? base + last + 1 : OTHER;
    }

    static String label(int index) {
        return index == OTHER ? OTHER_LABEL : CODES.get(index);
    }
}
