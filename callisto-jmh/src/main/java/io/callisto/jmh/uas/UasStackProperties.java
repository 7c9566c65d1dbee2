package io.callisto.jmh.uas;

import io.callisto.jmh.QuietStackLogger;
import java.util.Map;
import java.util.Properties;

/**
 * The JAIN-SIP RI stack properties of the benchmark UAS, chosen for throughput on UDP.
 *
 * <ul>
 *   <li>Logging off: {@link QuietStackLogger} and {@link QuietServerLogger}, trace level 0.</li>
 *   <li>{@code javax.sip.AUTOMATIC_DIALOG_SUPPORT=on}: the stack creates the dialog from the INVITE, absorbs the
 *       ACK of the 2xx, and terminates the dialog when the 200 to the BYE is sent.</li>
 *   <li>{@code THREAD_POOL_SIZE}: a fixed pool of message-processing threads (without it the RI starts one thread
 *       per datagram), with {@code REENTRANT_LISTENER=true} so that the pool threads call the listener
 *       concurrently instead of queueing behind one lock.</li>
 *   <li>{@code MAX_SERVER_TRANSACTIONS} raised to one million: BYE server transactions linger 32 s (Timer J, RFC
 *       3261 section 17.2.2), so at thousands of calls per second the default cap (a few thousand) would make the
 *       stack start refusing requests.</li>
 *   <li>{@code AGGRESSIVE_CLEANUP=true}: the stack releases message references of completed transactions and
 *       dialogs early, which keeps the live set smaller.</li>
 *   <li>1 MiB UDP socket buffers, the same as SIPp's {@code -buff_size 1048576}.</li>
 * </ul>
 *
 * Any JVM system property whose name starts with {@code javax.sip.} or {@code gov.nist.javax.sip.} is copied over
 * these defaults, so a run can try other settings without a rebuild (for example
 * {@code -Dgov.nist.javax.sip.THREAD_POOL_SIZE=4}).
 */
public final class UasStackProperties {

    /** The default size of the stack's message-processing thread pool. */
    public static final int DEFAULT_THREADS = 1;

    private UasStackProperties() {
    }

    /**
     * Builds the stack properties.
     *
     * @param stackName the value of {@code javax.sip.STACK_NAME}
     * @param overrides properties to copy over the defaults; only keys under {@code javax.sip.} and
     *                  {@code gov.nist.javax.sip.} are taken (pass {@link System#getProperties()})
     * @return a new {@link Properties} for {@code SipFactory.createSipStack}
     */
    public static Properties build(String stackName, Properties overrides) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", QuietStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", QuietServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(DEFAULT_THREADS));
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "1000000");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "1000000");
        p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", "1048576");
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", "1048576");
        for (Map.Entry<Object, Object> e : overrides.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.startsWith("javax.sip.") || key.startsWith("gov.nist.javax.sip.")) {
                p.setProperty(key, String.valueOf(e.getValue()));
            }
        }
        return p;
    }
}
