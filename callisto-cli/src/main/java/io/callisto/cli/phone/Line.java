package io.callisto.cli.phone;

import io.callisto.media.call.CallMedia;
import io.callisto.ua.Call;

/**
 * One call of the phone as the user sees it: its number (1, 2, ... in the order calls appeared), peer, direction
 * and state. Updated on the call's owner thread and read by the console, so the fields are volatile.
 */
final class Line {

    /** What the status line shows for a call. */
    enum State {
        TRYING, RINGING, EARLY, CONFIRMED, ENDED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    final int number;
    final String peer;
    final boolean outgoing;
    final long startedMillis;
    /** The SIP call; null only in tests of the table. */
    final Call call;
    private volatile State state = State.TRYING;
    private volatile boolean heldByUs;
    private volatile boolean heldByPeer;
    private volatile boolean secure;
    private volatile long answeredMillis;
    private volatile long endedMillis;
    private volatile String endReason;
    private volatile int endStatus;
    private volatile CallMedia media;
    private final java.util.concurrent.atomic.AtomicBoolean answering = new java.util.concurrent.atomic.AtomicBoolean();

    Line(int number, Call call, String peer, boolean outgoing, long nowMillis) {
        this.number = number;
        this.call = call;
        this.peer = peer;
        this.outgoing = outgoing;
        this.startedMillis = nowMillis;
    }

    State state() {
        return state;
    }

    /** Moves to {@code s}; returns false when nothing changed (or the call had already ended). */
    boolean moveTo(State s, long nowMillis) {
        if (state == s || state == State.ENDED) {
            return false;
        }
        if (s == State.CONFIRMED) {
            answeredMillis = nowMillis;
        }
        if (s == State.ENDED) {
            endedMillis = nowMillis;
        }
        state = s;
        return true;
    }

    void ended(int status, String reason, long nowMillis) {
        endStatus = status;
        endReason = reason;
        moveTo(State.ENDED, nowMillis);
    }

    boolean isUp() {
        return state != State.ENDED;
    }

    /** True the first time only: {@code answer} typed while the auto-answer timer fires answers once. */
    boolean claimAnswer() {
        return answering.compareAndSet(false, true);
    }

    boolean isIncomingUnanswered() {
        return !outgoing && (state == State.TRYING || state == State.RINGING || state == State.EARLY);
    }

    void heldByUs(boolean held) {
        heldByUs = held;
    }

    boolean heldByUs() {
        return heldByUs;
    }

    void heldByPeer(boolean held) {
        heldByPeer = held;
    }

    boolean heldByPeer() {
        return heldByPeer;
    }

    void secure(boolean s) {
        secure = s;
    }

    boolean secure() {
        return secure;
    }

    /** The call's media (RTP session, offer/answer); null only in tests of the table. */
    CallMedia media() {
        return media;
    }

    void media(CallMedia m) {
        media = m;
    }

    /** The state word of the status line: trying, ringing, early, confirmed, held (by us), remote-held, ended. */
    String label() {
        if (state == State.CONFIRMED && heldByUs) {
            return "held";
        }
        if (state == State.CONFIRMED && heldByPeer) {
            return "remote-held";
        }
        return state.label();
    }

    /** Talk time in milliseconds (0 when never answered). */
    long talkMillis(long nowMillis) {
        if (answeredMillis == 0) {
            return 0;
        }
        return (endedMillis != 0 ? endedMillis : nowMillis) - answeredMillis;
    }

    int endStatus() {
        return endStatus;
    }

    String endReason() {
        return endReason;
    }

    /** {@code 1 out sip:bob@example.com confirmed}. */
    String summary() {
        return number + " " + (outgoing ? "out" : "in") + " " + peer + " " + label();
    }
}
