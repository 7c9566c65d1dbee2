package io.callisto.media.dtmf;

/** Receives DTMF digits, each exactly once, on the session's media thread; must not block. */
@FunctionalInterface
public interface DtmfListener {

    void onDigit(DtmfDigit digit);
}
