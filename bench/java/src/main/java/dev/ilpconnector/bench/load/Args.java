package dev.ilpconnector.bench.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} arguments; a key may repeat ({@code --url a --url b}). */
final class Args {

    private final Map<String, List<String>> values = new HashMap<>();

    Args(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --key, got " + args[i]);
            }
            String key = args[i].substring(2);
            String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i]
                    : "true";
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
    }

    String get(String key, String fallback) {
        List<String> v = values.get(key);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    String required(String key) {
        String v = get(key, null);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    long number(String key, long fallback) {
        return Long.parseLong(get(key, Long.toString(fallback)));
    }

    List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }

    boolean flag(String key) {
        return Boolean.parseBoolean(get(key, "false"));
    }
}
