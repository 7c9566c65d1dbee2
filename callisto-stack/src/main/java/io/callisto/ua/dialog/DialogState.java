package io.callisto.ua.dialog;

/** §12: a dialog is early (created by a provisional response) or confirmed (by a 2xx), then terminated. */
public enum DialogState {
    EARLY,
    CONFIRMED,
    TERMINATED
}
