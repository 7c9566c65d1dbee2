package io.callisto.transport.internal;

import io.callisto.transport.Flow;
import io.callisto.transport.SendListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls a {@link SendListener} (which may be null) so that nothing it throws reaches an I/O thread's caller. */
public final class Notify {

    private static final Logger log = LoggerFactory.getLogger(Notify.class);

    private Notify() {
    }

    /** Reports a send that reached the socket. */
    public static void sent(SendListener l, Flow flow) {
        if (l == null) {
            return;
        }
        try {
            l.onSent(flow);
        } catch (RuntimeException e) {
            log.warn("send listener failed in onSent", e);
        }
    }

    /** Reports a failed send. */
    public static void failed(SendListener l, Throwable cause) {
        if (l == null) {
            log.debug("send failed: {}", cause.toString());
            return;
        }
        try {
            l.onFailure(cause);
        } catch (RuntimeException e) {
            log.warn("send listener failed in onFailure", e);
        }
    }
}
