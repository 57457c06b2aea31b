package dev.ilpconnector.codec.btp;

import dev.ilpconnector.Limits;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The GeneralizedTime of BTP (RFC 23 §Error.triggeredAt), UTC only:
 * {@code YYYYMMDDHHMMSS[.f{1,9}]Z}. Variable length on input; always written with exactly three
 * fraction digits ({@code 20171223012140.549Z}) as the JavaScript stack does. Not the fixed
 * 17-digit ILP timestamp. Local times, offsets and reduced precision (no seconds) are refused.
 */
public final class GeneralizedTime {

    private static final Instant MIN = LocalDateTime.of(0, 1, 1, 0, 0)
            .toInstant(ZoneOffset.UTC);
    private static final Instant MAX = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000)
            .toInstant(ZoneOffset.UTC);

    private GeneralizedTime() {
    }

    static boolean isRepresentable(Instant t) {
        return !t.isBefore(MIN) && !t.isAfter(MAX);
    }

    static Instant truncate(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }

    /** {@code YYYYMMDDHHMMSS.fffZ} for {@code t} (truncated to milliseconds). */
    public static String format(Instant t) {
        if (!isRepresentable(t)) {
            throw new IllegalArgumentException("time outside years 0000..9999: " + t);
        }
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(),
                ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(19);
        pad(b, d.getYear(), 4);
        pad(b, d.getMonthValue(), 2);
        pad(b, d.getDayOfMonth(), 2);
        pad(b, d.getHour(), 2);
        pad(b, d.getMinute(), 2);
        pad(b, d.getSecond(), 2);
        b.append('.');
        pad(b, d.getNano() / 1_000_000, 3);
        return b.append('Z').toString();
    }

    private static void pad(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }

    /**
     * Parses {@code YYYYMMDDHHMMSS[.f{1,9}]Z}; fractions beyond milliseconds are truncated.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static Instant parse(String s) {
        int n = s.length();
        if (n < 15 || n > Limits.GENERALIZED_TIME_CHARS_MAX || s.charAt(n - 1) != 'Z') {
            throw new IllegalArgumentException("GeneralizedTime must be YYYYMMDDHHMMSS[.f]Z");
        }
        requireDigits(s, 0, 14);
        int nanos = 0;
        if (n > 15) {
            // a fraction: '.' then 1..9 digits before the 'Z'
            if (s.charAt(14) != '.' || n == 16) {
                throw new IllegalArgumentException("GeneralizedTime fraction must be .f..Z");
            }
            requireDigits(s, 15, n - 1);
            int digits = n - 16;
            int frac = num(s, 15, digits);
            for (int i = digits; i < 9; i++) {
                frac *= 10;
            }
            nanos = frac;
        }
        try {
            return truncate(LocalDateTime.of(num(s, 0, 4), num(s, 4, 2), num(s, 6, 2),
                    num(s, 8, 2), num(s, 10, 2), num(s, 12, 2), nanos)
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("GeneralizedTime not a calendar date", e);
        }
    }

    private static void requireDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("GeneralizedTime non-digit at index " + i);
            }
        }
    }

    private static int num(String s, int at, int width) {
        int v = 0;
        for (int i = at; i < at + width; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
