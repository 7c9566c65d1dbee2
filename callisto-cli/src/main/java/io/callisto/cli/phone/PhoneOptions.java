package io.callisto.cli.phone;

import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The phone's command-line options that needed work to check.
 *
 * @param transport the SIP transport
 * @param bind      the local SIP address
 * @param password  the digest password (from --password or --password-file), or null
 * @param script    commands to run first
 */
record PhoneOptions(Transport transport, InetSocketAddress bind, String password, List<String> script) {
}
