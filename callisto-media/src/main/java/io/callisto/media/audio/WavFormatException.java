package io.callisto.media.audio;

import java.io.IOException;

/** A WAV file this module cannot read, with the reason (not RIFF/WAVE, unsupported encoding, truncated...). */
public final class WavFormatException extends IOException {

    public WavFormatException(String message) {
        super(message);
    }
}
