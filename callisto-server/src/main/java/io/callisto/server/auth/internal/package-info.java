/**
 * The pieces of server-side Digest authentication behind {@link io.callisto.server.auth.DigestAuthenticator}:
 * stateless nonces, the nonce-count table, the per-source failure tracker, credential checks and the responses.
 * Not API.
 */
package io.callisto.server.auth.internal;
