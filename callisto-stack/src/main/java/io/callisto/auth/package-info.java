/**
 * SIP Digest authentication (RFC 3261 §22, RFC 8760, RFC 7616): the algorithms ({@link io.callisto.auth.DigestAlgorithm}),
 * the computations ({@link io.callisto.auth.DigestMath}), accounts ({@link io.callisto.auth.DigestCredentials},
 * {@link io.callisto.auth.CredentialsProvider}) and the client that answers 401/407 challenges
 * ({@link io.callisto.auth.DigestClient}). Helpers in {@code io.callisto.auth.internal} are not API.
 */
package io.callisto.auth;
