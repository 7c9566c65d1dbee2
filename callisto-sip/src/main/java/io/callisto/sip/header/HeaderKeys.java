package io.callisto.sip.header;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.EnumMap;
import java.util.Map;

/** Finds the typed key of a known header, for code that walks every header of a message (validation, lint). */
public final class HeaderKeys {
    private HeaderKeys() {}

    private static final Map<HeaderName, HeaderKey<?>> KEYS = new EnumMap<>(HeaderName.class);

    static {
        for (Field f : Headers.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == HeaderKey.class) {
                try {
                    HeaderKey<?> k = (HeaderKey<?>) f.get(null);
                    KEYS.putIfAbsent(k.name(), k);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The key for {@code name}, or null when Callisto keeps that header as text only. */
    public static HeaderKey<?> forName(HeaderName name) {
        return KEYS.get(name);
    }
}
