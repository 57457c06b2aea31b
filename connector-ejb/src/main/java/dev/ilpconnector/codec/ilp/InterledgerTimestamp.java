package dev.ilpconnector.codec.ilp;

import dev.ilpconnector.Limits;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The ILP timestamp (RFC 27 §Timestamp, InterledgerTypes.asn): exactly 17 ASCII digits
 * {@code YYYYMMDDHHmmssfff}, always UTC, millisecond precision. Not BTP's GeneralizedTime.
 * Calendar fields are validated (month 13, 31 February, hour 24, second 60 are refused) where
 * the JavaScript implementation rolls them over.
 */
public final class InterledgerTimestamp {

    /** Earliest representable instant: 0000-01-01T00:00:00.000Z. */
    public static final Instant MIN = LocalDateTime.of(0, 1, 1, 0, 0)
            .toInstant(ZoneOffset.UTC);

    /** Latest representable instant: 9999-12-31T23:59:59.999Z. */
    public static final Instant MAX = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000)
            .toInstant(ZoneOffset.UTC);

    private InterledgerTimestamp() {
    }

    /** True when {@code t} (after truncation to milliseconds) fits the 4-digit year format. */
    public static boolean isRepresentable(Instant t) {
        return t != null && !t.isBefore(MIN) && !t.isAfter(MAX);
    }

    /**
     * The 17-character form of {@code t}, truncated to milliseconds.
     *
     * @throws IllegalArgumentException when the year is outside 0000..9999
     */
    public static String format(Instant t) {
        return new String(toChars(t));
    }

    static char[] toChars(Instant t) {
        if (!isRepresentable(t)) {
            throw new IllegalArgumentException("timestamp outside years 0000..9999: " + t);
        }
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(),
                ZoneOffset.UTC);
        char[] c = new char[Limits.TIMESTAMP_CHARS];
        digits(c, 0, d.getYear(), 4);
        digits(c, 4, d.getMonthValue(), 2);
        digits(c, 6, d.getDayOfMonth(), 2);
        digits(c, 8, d.getHour(), 2);
        digits(c, 10, d.getMinute(), 2);
        digits(c, 12, d.getSecond(), 2);
        digits(c, 14, d.getNano() / 1_000_000, 3);
        return c;
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Parses the 17-character form.
     *
     * @throws IllegalArgumentException naming the bad character index or calendar field
     */
    public static Instant parse(String s) {
        if (s == null || s.length() != Limits.TIMESTAMP_CHARS) {
            throw new IllegalArgumentException("timestamp must be 17 digits");
        }
        for (int i = 0; i < Limits.TIMESTAMP_CHARS; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("timestamp non-digit at index " + i);
            }
        }
        try {
            return LocalDateTime.of(num(s, 0, 4), num(s, 4, 2), num(s, 6, 2), num(s, 8, 2),
                    num(s, 10, 2), num(s, 12, 2), num(s, 14, 3) * 1_000_000)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timestamp not a calendar date: "
                    + e.getMessage(), e);
        }
    }

    private static int num(String s, int at, int width) {
        int v = 0;
        for (int i = at; i < at + width; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    /** {@code t} truncated to what the wire carries (milliseconds). */
    public static Instant truncate(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }
}
