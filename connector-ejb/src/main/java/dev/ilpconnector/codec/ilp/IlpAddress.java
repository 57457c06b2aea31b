package dev.ilpconnector.codec.ilp;

import dev.ilpconnector.Limits;

/**
 * An ILP address (RFC 15): an allocation scheme ({@code g}, {@code private}, {@code example},
 * {@code peer}, {@code self}, {@code test}, {@code test1..3}, {@code local}) followed by one or
 * more segments of {@code [a-zA-Z0-9_~-]+}, separated by '.', at most 1023 characters.
 *
 * @param value the address text, validated
 */
public record IlpAddress(String value) {

    private static final String[] SCHEMES = {
        "g", "private", "example", "peer", "self", "test", "test1", "test2", "test3", "local"
    };

    public IlpAddress {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static IlpAddress of(String value) {
        return new IlpAddress(value);
    }

    /** True when {@code value} is a valid RFC 15 address. */
    public static boolean isValid(String value) {
        return problem(value) == null;
    }

    /**
     * Why {@code value} is not a valid RFC 15 address, or null when it is. No exception and no
     * allocation on the valid path, so decoders can report an offset themselves.
     */
    public static String problem(String value) {
        if (value == null) {
            return "address is null";
        }
        int n = value.length();
        // RFC 15 §Address Requirements: at most 1023 characters
        if (n > Limits.ADDRESS_CHARS_MAX) {
            return "address longer than " + Limits.ADDRESS_CHARS_MAX + " characters";
        }
        int dot = value.indexOf('.');
        if (dot < 0) {
            return "address needs a scheme and at least one segment";
        }
        if (!knownScheme(value, dot)) {
            return "unknown allocation scheme";
        }
        int segmentLength = 0;
        for (int i = dot + 1; i < n; i++) {
            char c = value.charAt(i);
            if (c == '.') {
                if (segmentLength == 0) {
                    return "empty address segment at index " + i;
                }
                segmentLength = 0;
            } else if (isSegmentChar(c)) {
                segmentLength++;
            } else {
                return "bad address character at index " + i;
            }
        }
        return segmentLength == 0 ? "empty address segment at end" : null;
    }

    private static boolean knownScheme(String value, int length) {
        for (String scheme : SCHEMES) {
            if (scheme.length() == length && value.startsWith(scheme)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSegmentChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '~' || c == '-';
    }

    /**
     * Segment-aware prefix test: {@code test.a} is a prefix of {@code test.a} and
     * {@code test.a.b}, not of {@code test.ab}.
     */
    public boolean startsWith(IlpAddress prefix) {
        String p = prefix.value;
        return value.startsWith(p) && (value.length() == p.length()
                || value.charAt(p.length()) == '.');
    }

    /** This address with one more segment appended. */
    public IlpAddress with(String segment) {
        if (segment == null || segment.isEmpty() || segment.indexOf('.') >= 0) {
            throw new IllegalArgumentException("segment must be one non-empty segment");
        }
        return new IlpAddress(value + '.' + segment);
    }

    /** The allocation scheme, e.g. {@code g} or {@code test}. */
    public String scheme() {
        return value.substring(0, value.indexOf('.'));
    }

    @Override
    public String toString() {
        return value;
    }
}
