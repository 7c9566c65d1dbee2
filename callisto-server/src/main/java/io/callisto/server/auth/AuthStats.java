package io.callisto.server.auth;

/**
 * Counters of a {@link DigestAuthenticator} since it was created, and the size of its tables (for metrics).
 *
 * @param accepted          requests whose credentials were accepted
 * @param challenged        challenges sent without stale (no or foreign credentials)
 * @param staleChallenged   challenges sent with stale=true (right password, nonce expired, unknown or replayed)
 * @param rejected          400 and 403 responses for malformed or wrong credentials
 * @param blockedRequests   requests answered 403 without a check because their source was blocked
 * @param blocks            times a source address was blocked
 * @param trackedAddresses  source addresses whose failures are remembered now
 * @param trackedNonces     nonces whose nonce count is remembered now
 */
public record AuthStats(long accepted, long challenged, long staleChallenged, long rejected, long blockedRequests,
        long blocks, int trackedAddresses, int trackedNonces) {
}
