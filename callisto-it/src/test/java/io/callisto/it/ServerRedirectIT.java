package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code callisto server --mode redirect} (RFC 3261 §8.3, §21.3): an INVITE for a registered user is answered
 * 302 Moved Temporarily listing the registered contact, never proxied; an unknown user gets 404.
 */
class ServerRedirectIT {

    @TempDir
    Path dir;

    @Test
    void inviteForARegisteredUserGets302WithTheContact() throws Exception {
        try (CallistoServer server = CallistoServer.in(dir).args("--mode", "redirect").start()) {
            Path csv = dir.resolve("gina.csv");
            Files.writeString(csv, "SEQUENTIAL\ngina\n");
            try (SippPeer registering = SippPeer.play("register.xml").to(server.hostPort())
                    .args("-inf", csv.toString()).start(dir, "gina-register")) {
                registering.assertSucceeded(30);
                String contact = "sip:gina@127.0.0.1:" + registering.port();
                assertThat(server.contacts("sip:gina@" + CallistoServer.DOMAIN)).containsExactly(contact);

                try (SippPeer caller = SippPeer.play("caller-redirect.xml").to(server.hostPort()).service("gina")
                        .start(dir, "gina-caller")) {
                    caller.assertSucceeded(30);
                    String redirect = caller.received("SIP/2.0 302").get(0);
                    assertThat(SippLog.headers(redirect, "Contact")).singleElement().asString()
                            .startsWith("<" + contact + ">").contains("expires=");
                }
                assertThat(registering.received("INVITE")).as("a redirect server never proxies").isEmpty();
            }
            try (SippPeer caller = SippPeer.play("caller-unknown.xml").to(server.hostPort()).service("nobody")
                    .start(dir, "nobody-caller")) {
                caller.assertSucceeded(30);
            }
        }
    }
}
