package dev.ilpconnector.config;

/** A configuration value is missing or wrong; the message names the key and what it wants. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String problem) {
        super("config error: " + key + " " + problem);
        this.key = key;
    }

    /** The property name (its env var is the upper-case form with '_' for '.' and '-'). */
    public String key() {
        return key;
    }
}
