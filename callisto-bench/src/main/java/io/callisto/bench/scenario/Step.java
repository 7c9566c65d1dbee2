package io.callisto.bench.scenario;

/**
 * One step of a {@link Scenario}, run in order for every call. The attributes shared by SIPp's elements:
 * {@code next} (a label to jump to after the step; for an optional {@code <recv>}, only when that message came),
 * {@code chance} (the probability, 0 to 1, that the jump is taken), {@code startRtd} and {@code rtd} (names of
 * response-time timers started and stopped by the step).
 */
public sealed interface Step {

    /** Shared attributes of every step. */
    record Common(String next, double chance, String startRtd, String rtd) {
        /** No jump, no timers. */
        public static final Common NONE = new Common(null, 1, null, null);
    }

    /** The step's shared attributes. */
    Common common();

    /**
     * {@code <send>}: render the template and send it.
     *
     * @param template  the message
     * @param retransMs over UDP, the first retransmission interval (SIPp's {@code retrans}); 0 for none
     * @param common    shared attributes
     */
    record Send(Template template, int retransMs, Common common) implements Step {
    }

    /**
     * {@code <recv>}: wait for a response with a status code or a request with a method.
     *
     * @param response  the status code expected, or 0 when a request is expected
     * @param request   the method expected, or null when a response is expected
     * @param optional  whether the step may be skipped by a message that matches a later step
     * @param timeoutMs how long to wait, 0 for the run's default
     * @param common    shared attributes
     */
    record Recv(int response, String request, boolean optional, long timeoutMs, Common common) implements Step {

        /** Whether {@code status} (for a response) or {@code method} (for a request) is what this step expects. */
        public boolean matches(boolean isRequest, int status, String method) {
            return isRequest ? request != null && request.equals(method) : request == null && response == status;
        }

        /** What the step waits for, for messages: {@code 200} or {@code INVITE}. */
        public String expected() {
            return request != null ? request : Integer.toString(response);
        }
    }

    /**
     * {@code <pause>}: wait before the next step.
     *
     * @param milliseconds the length, or -1 for the run's call length ({@code --duration-ms}, SIPp's {@code -d})
     * @param common       shared attributes
     */
    record Pause(long milliseconds, Common common) implements Step {
    }

    /** {@code <nop>}: does nothing but its shared attributes (timers, jump). */
    record Nop(Common common) implements Step {
    }

    /** {@code <label id=..>}: a jump target. */
    record Label(String id) implements Step {
        @Override
        public Common common() {
            return Common.NONE;
        }
    }
}
