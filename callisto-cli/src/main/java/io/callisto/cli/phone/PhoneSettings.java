package io.callisto.cli.phone;

/**
 * What the phone does by itself, from the command line.
 *
 * @param domain          the account's domain, for numbers dialled without one (null without an account)
 * @param autoAnswer      answer incoming calls without being told
 * @param answerAfterMs   ring this long before answering automatically
 * @param hangupAfterMs   end each call this long after it is confirmed (0: never)
 * @param dtmf            digits to send once each call is confirmed (null: none)
 * @param exitAfterCalls  exit once this many calls have ended (0: never)
 */
record PhoneSettings(String domain, boolean autoAnswer, long answerAfterMs, long hangupAfterMs, String dtmf,
                     int exitAfterCalls) {
}
