/**
 * Audio at 8 kHz, 16-bit mono, 20 ms frames: sources and sinks a session pulls and pushes, tone generation,
 * Goertzel detection and WAV files.
 */
package io.callisto.media.audio;
