package io.callisto.server.config;

/** A configuration that cannot be used; the message names the key (or flag) and what is wrong with it. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
