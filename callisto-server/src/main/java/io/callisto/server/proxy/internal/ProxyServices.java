package io.callisto.server.proxy.internal;

import io.callisto.server.proxy.ProxyConfig;
import io.callisto.transaction.TransactionLayer;

/**
 * What the response contexts and branches of one proxy share: its configuration, the transaction layer they send
 * through, what "this proxy" means, and the next-hop resolver. Immutable and thread-safe.
 *
 * @param config       the proxy's configuration
 * @param transactions the transaction layer (client transactions, CANCELs, stateless sends)
 * @param local        our addresses and listening points
 * @param nextHop      next-hop resolution
 */
public record ProxyServices(ProxyConfig config, TransactionLayer transactions, LocalAddresses local,
        NextHop nextHop) {
}
