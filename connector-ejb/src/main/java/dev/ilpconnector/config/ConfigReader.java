package dev.ilpconnector.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, validated access to raw config values. Every failure is a {@link ConfigException}
 * naming the key, with the offending value quoted unless the key holds a secret.
 */
final class ConfigReader {

    private final Function<String, Optional<String>> lookup;

    ConfigReader(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    Optional<String> optional(String key) {
        return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    String required(String key, String wants) {
        return optional(key).orElseThrow(() -> new ConfigException(key, "is missing: " + wants));
    }

    /** A secret: never echoed in an error. */
    Optional<String> secret(String key) {
        return lookup.apply(key).filter(v -> !v.isEmpty());
    }

    long longValue(String key, long min, long max, long defaultValue) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        throw new ConfigException(key, "must be an integer " + min + ".." + max
                + ", got '" + raw.get() + "'");
    }

    /** {@code true} or {@code false} (any case). */
    Optional<Boolean> bool(String key) {
        return optional(key).map(raw -> switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new ConfigException(key, "must be true or false, got '" + raw + "'");
        });
    }

    /** An unsigned 64-bit amount, 0..18446744073709551615. */
    long unsignedAmount(String key, long defaultValue) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseUnsignedLong(raw.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be an integer 0..18446744073709551615, got '"
                    + raw.get() + "'");
        }
    }

    /** Comma-separated, blanks dropped. */
    List<String> list(String key) {
        List<String> out = new ArrayList<>();
        optional(key).ifPresent(v -> {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        });
        return out;
    }

    <T> T parse(String key, String raw, Function<String, T> parser) {
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage() + ", got '" + raw + "'");
        }
    }
}
