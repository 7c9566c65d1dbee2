package io.callisto.transport.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this host can carry SIP over SCTP (RFC 4168): the JDK's {@code jdk.sctp} module needs the kernel's SCTP
 * protocol and the {@code libsctp} library at run time. Probed once, by opening (and closing) an SCTP socket.
 */
public final class SctpSupport {

    private static final Logger log = LoggerFactory.getLogger(SctpSupport.class);
    private static volatile String reason;
    private static volatile boolean probed;

    private SctpSupport() {
    }

    /** True when an SCTP socket can be opened here. */
    public static boolean available() {
        return unavailableReason() == null;
    }

    /** Null when SCTP works here, else a message that says why not and what to install. */
    public static String unavailableReason() {
        if (!probed) {
            synchronized (SctpSupport.class) {
                if (!probed) {
                    reason = probe();
                    probed = true;
                    if (reason != null) {
                        log.debug("{}", reason);
                    }
                }
            }
        }
        return reason;
    }

    private static String probe() {
        try (com.sun.nio.sctp.SctpChannel ch = com.sun.nio.sctp.SctpChannel.open()) {
            return null;
        } catch (UnsupportedOperationException | java.io.IOException e) {
            return explain("the kernel refused an SCTP socket (" + e.getMessage() + ")");
        } catch (LinkageError e) {
            return explain("the JDK's SCTP support did not load (" + e + ")");
        }
    }

    private static String explain(String what) {
        return "SCTP is not available on this host: " + what + ". SIP over SCTP (RFC 4168) needs the kernel's SCTP"
                + " module (modprobe sctp; in a container, loaded on the host) and libsctp (Debian: apt-get install"
                + " libsctp1)";
    }
}
