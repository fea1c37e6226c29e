package io.certgauge.cli;

import io.certgauge.demo.DemoTlsServer;
import io.certgauge.demo.Pki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A private root written to a CA file, and loopback TLS servers presenting leaves it issued with
 * chosen dates, for the commands to probe. Dates are relative to the instant given, since the
 * commands read the system clock.
 */
final class TlsServers implements AutoCloseable {

    /** Reserved for testing (RFC 6761 section 6.2): never resolves, never leaves this host. */
    static final String DOMAIN = "cli.certgauge.test";

    /** One running server: the name its leaf is for, and where it listens. */
    record Server(String sni, int port) {
        String portText() {
            return String.valueOf(port);
        }
    }

    private final Instant now;
    private final Pki.Issued root;
    private final Path caFile;
    private final List<DemoTlsServer> running = new ArrayList<>();

    TlsServers(Path dir, Instant now) {
        this.now = now;
        this.root =
                Pki.root("certgauge cli test root")
                        .validFrom(now.minus(Duration.ofDays(400)))
                        .validFor(Duration.ofDays(3650))
                        .issue();
        this.caFile = Pki.writePem(dir.resolve("ca.pem"), root.certificate());
    }

    Path caFile() {
        return caFile;
    }

    /** Starts a server whose leaf for {@code name.DOMAIN} is valid between the given days. */
    Server start(String name, long fromDays, long toDays)
            throws IOException, GeneralSecurityException {
        return start(name, name + "." + DOMAIN, fromDays, toDays);
    }

    /** Starts a server for {@code name.DOMAIN} whose leaf is for {@code certName} instead. */
    Server start(String name, String certName, long fromDays, long toDays)
            throws IOException, GeneralSecurityException {
        Pki.Issued leaf =
                Pki.leaf(certName)
                        .issuedBy(root)
                        .validBetween(
                                now.plus(Duration.ofDays(fromDays)),
                                now.plus(Duration.ofDays(toDays)))
                        .issue();
        DemoTlsServer server =
                DemoTlsServer.start(
                        InetAddress.getLoopbackAddress(),
                        leaf.privateKey(),
                        List.of(leaf.certificate()));
        running.add(server);
        return new Server(name + "." + DOMAIN, server.port());
    }

    /** A loopback port that was free a moment ago and that nobody listens on now. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        for (DemoTlsServer server : running) {
            server.close();
        }
    }
}
