package io.callisto.ua;

import io.callisto.sip.uri.Uri;
import java.util.concurrent.CompletableFuture;

/**
 * A binding of this UA's contact to an address of record at a registrar (RFC 3261 §10.2), kept fresh by the stack:
 * it re-registers before the granted expiry. Methods may be called from any thread.
 */
public interface Registration {

    /** The address of record. */
    Uri addressOfRecord();

    /** True while the registrar has accepted the binding and it has not expired or been removed. */
    boolean isRegistered();

    /** The expiry the registrar granted in its last 2xx, in seconds (0 before the first 2xx). */
    int grantedExpires();

    /** Completes with the registration after each successful registration or refresh is done; see {@link #registered()}. */
    CompletableFuture<Registration> registered();

    /** Removes the binding ({@code Expires: 0}, §10.2.2) and stops refreshing. Completes when the registrar answers. */
    CompletableFuture<Void> unregister();
}
