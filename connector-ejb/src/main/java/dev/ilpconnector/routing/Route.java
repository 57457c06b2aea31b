package dev.ilpconnector.routing;

import java.util.List;
import java.util.Objects;

/**
 * A route: destinations under {@code prefix} go to the peer {@code nextHop}.
 *
 * <p>{@code prefix} is an ILP address prefix (RFC 15) matched segment-wise: {@code "test.a"}
 * covers {@code "test.a"} and {@code "test.a.b"}, not {@code "test.ab"}. The empty prefix
 * {@code ""} is the default route (covers every address; e.g. towards the parent).
 * {@code path} is the list of connector addresses the route crosses (CCP; empty for static
 * routes), used later for loop detection.
 */
public record Route(String prefix, String nextHop, List<String> path, RouteSource source) {

    /** RFC 15: an ILP address has at most 1023 characters, so a prefix too. */
    public static final int PREFIX_CHARS_MAX = 1023;

    public Route {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(nextHop, "nextHop");
        Objects.requireNonNull(source, "source");
        path = List.copyOf(Objects.requireNonNull(path, "path"));
        checkPrefix(prefix);
        if (nextHop.isEmpty()) {
            throw new IllegalArgumentException("nextHop must not be empty");
        }
    }

    /** A route without a path. */
    public static Route of(String prefix, String nextHop, RouteSource source) {
        return new Route(prefix, nextHop, List.of(), source);
    }

    /** True when this route's prefix covers {@code destination} (segment-aware). */
    public boolean covers(String destination) {
        if (prefix.isEmpty()) {
            return true;
        }
        return destination.startsWith(prefix)
                && (destination.length() == prefix.length()
                    || destination.charAt(prefix.length()) == '.');
    }

    /** Structure only (segments non-empty); the codec validates characters and scheme. */
    private static void checkPrefix(String p) {
        if (p.length() > PREFIX_CHARS_MAX) {
            throw new IllegalArgumentException("prefix longer than " + PREFIX_CHARS_MAX);
        }
        if (p.isEmpty()) {
            return;
        }
        if (p.charAt(0) == '.' || p.charAt(p.length() - 1) == '.' || p.contains("..")) {
            throw new IllegalArgumentException("prefix has an empty segment: '" + p + "'");
        }
    }
}
