package io.callisto.cli.phone;

import java.util.concurrent.CompletableFuture;

/** Opens the media of one new call (ports are bound asynchronously). */
@FunctionalInterface
interface AudioFactory {

    CompletableFuture<CallAudio> open();
}
