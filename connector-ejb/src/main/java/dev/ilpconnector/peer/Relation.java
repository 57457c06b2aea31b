package dev.ilpconnector.peer;

import java.util.Locale;

/** A peer's relation to this node, as the reference connector names them. */
public enum Relation {
    /** Our upstream: we take our address from it (RFC 31) and route the default prefix to it. */
    PARENT,
    /** An equal: routes are exchanged both ways, no addresses are handed out. */
    PEER,
    /** Downstream: gets {@code <our address>.<peer id>} by ILDCP and is routed automatically. */
    CHILD;

    /** Parses the config value ({@code parent}, {@code peer}, {@code child}, any case). */
    public static Relation parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "parent" -> PARENT;
            case "peer" -> PEER;
            case "child" -> CHILD;
            default -> throw new IllegalArgumentException("must be parent, peer or child");
        };
    }

    /** The config spelling. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
