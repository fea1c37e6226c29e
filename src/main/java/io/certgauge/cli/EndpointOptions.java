package io.certgauge.cli;

import io.certgauge.config.Target;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options {@code check} and {@code inspect} share to describe one endpoint's probe. */
final class EndpointOptions {

    @Option(
            names = "--sni",
            paramLabel = "NAME",
            description = "Server name to send and check (default: the host; none for an IP).")
    String sni;

    @Option(
            names = "--starttls",
            paramLabel = "PROTO",
            description =
                    "Upgrade a plain-text protocol first: smtp, submission, imap, pop3, "
                            + "ftp, ldap, xmpp, postgres, mysql.")
    String starttls;

    @Option(
            names = "--ca-file",
            paramLabel = "FILE",
            description =
                    "Extra trusted CA certificates (PEM or DER); intermediates in it are known.")
    Path caFile;

    @Option(
            names = {"-t", "--timeout"},
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "Deadline of the whole probe (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--no-revocation", description = "Do not check OCSP or CRLs.")
    boolean noRevocation;

    /**
     * The target these options describe for a host and port; {@code starttls} from the options wins
     * over {@code specStarttls} (the one written in {@code HOST:PORT/PROTO}).
     *
     * @throws IllegalArgumentException with a readable message for a bad value
     */
    Target target(String host, Integer port, String specStarttls) {
        String protocol = starttls != null ? starttls : specStarttls;
        return Probes.target(host, port, sni, protocol, caFile, timeout, !noRevocation);
    }
}
