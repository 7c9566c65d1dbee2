package io.callisto.ua;

/** Callisto's version, as written in User-Agent and Server headers. */
public final class Version {

    /** The version of this build ("dev" when run from classes without a jar manifest). */
    public static final String VERSION = lookup();

    private Version() {
    }

    private static String lookup() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
