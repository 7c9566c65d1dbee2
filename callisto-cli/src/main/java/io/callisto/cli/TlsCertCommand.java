package io.callisto.cli;

import io.callisto.transport.tls.SelfSignedCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code callisto tls-cert}: writes a self-signed certificate and key (PEM) for development and tests. */
@Command(name = "tls-cert", mixinStandardHelpOptions = true,
        description = {"Make a self-signed TLS certificate and private key (PEM) for development and tests.",
            "Not for production: peers cannot verify it unless told to trust it (--ca)."})
final class TlsCertCommand implements Callable<Integer> {

    @Option(names = "--cert", paramLabel = "PEM", defaultValue = "callisto-cert.pem",
            description = "Certificate file to write (default ${DEFAULT-VALUE}).")
    Path cert;

    @Option(names = "--key", paramLabel = "PEM", defaultValue = "callisto-key.pem",
            description = "Private key file to write (default ${DEFAULT-VALUE}).")
    Path key;

    @Option(names = "--host", paramLabel = "NAME", split = ",", defaultValue = "localhost,127.0.0.1,::1",
            description = "Host names and addresses the certificate is for (default ${DEFAULT-VALUE}).")
    List<String> hosts;

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!force && (Files.exists(cert) || Files.exists(key))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    cert + " or " + key + " exists; use --force to overwrite");
        }
        X509Certificate c = SelfSignedCertificates.generate(cert, key, hosts.toArray(new String[0]));
        spec.commandLine().getOut().println("wrote " + cert + " and " + key + " (" + c.getSubjectX500Principal()
                + ", valid until " + c.getNotAfter().toInstant() + ")");
        return 0;
    }
}
