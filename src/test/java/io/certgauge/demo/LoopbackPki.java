package io.certgauge.demo;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A private CA (root and intermediate) made at a fixed moment, and TLS servers on loopback that
 * present leaves it issues, for tests of the parts that probe real servers. Close it to stop every
 * server it started.
 */
public final class LoopbackPki implements AutoCloseable {

    /** The moment certificates are made around; tests fix their clocks to it. */
    public static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");

    private final Pki.Issued root;
    private final Pki.Issued intermediate;
    private final List<DemoTlsServer> servers = new ArrayList<>();

    public LoopbackPki() {
        root =
                Pki.root("certgauge test root")
                        .validFrom(NOW.minus(Duration.ofDays(400)))
                        .validFor(Duration.ofDays(3650))
                        .issue();
        intermediate =
                Pki.intermediate("certgauge test intermediate", root)
                        .validFrom(NOW.minus(Duration.ofDays(400)))
                        .validFor(Duration.ofDays(1825))
                        .issue();
    }

    /** A clock stopped at {@link #NOW}. */
    public static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    public static InetAddress loopback(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    public Pki.Issued root() {
        return root;
    }

    public Pki.Issued intermediate() {
        return intermediate;
    }

    /** Writes the root and the intermediate to {@code file}, as a target's {@code ca_file}. */
    public Path writeCaFile(Path file) {
        return Pki.writePem(file, root.certificate(), intermediate.certificate());
    }

    /** A leaf for {@code dnsName}, issued ten days before {@link #NOW}, with days left. */
    public Pki.Issued leaf(String dnsName, long daysLeft) {
        return Pki.leaf(dnsName)
                .issuedBy(intermediate)
                .validBetween(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(daysLeft)))
                .issue();
    }

    /** A server on 127.0.0.1 presenting a new leaf for {@code dnsName} and the intermediate. */
    public DemoTlsServer serve(String dnsName, long daysLeft) {
        return serve(new InetSocketAddress(loopback("127.0.0.1"), 0), leaf(dnsName, daysLeft));
    }

    /** A server at {@code bind} presenting {@code leaf} and the intermediate. */
    public DemoTlsServer serve(InetSocketAddress bind, Pki.Issued leaf) {
        try {
            DemoTlsServer server =
                    DemoTlsServer.start(
                            bind,
                            leaf.privateKey(),
                            List.of(leaf.certificate(), intermediate.certificate()));
            servers.add(server);
            return server;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot start a TLS server at " + bind, e);
        }
    }

    /**
     * Two servers on one port, one on each address, presenting the given leaves: one name's
     * load-balancer members. The port is chosen on the first address; when the second address has
     * it in use, another is tried.
     */
    public int serveOnOnePort(
            InetAddress first, Pki.Issued firstLeaf, InetAddress second, Pki.Issued secondLeaf) {
        for (int attempt = 0; attempt < 10; attempt++) {
            DemoTlsServer a = serve(new InetSocketAddress(first, 0), firstLeaf);
            try {
                servers.add(
                        DemoTlsServer.start(
                                new InetSocketAddress(second, a.port()),
                                secondLeaf.privateKey(),
                                List.of(secondLeaf.certificate(), intermediate.certificate())));
                return a.port();
            } catch (BindException e) {
                servers.remove(a);
                close(a);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot start a TLS server on " + second, e);
            }
        }
        throw new IllegalStateException("no port free on both " + first + " and " + second);
    }

    @Override
    public void close() {
        servers.forEach(LoopbackPki::close);
        servers.clear();
    }

    private static void close(DemoTlsServer server) {
        try {
            server.close();
        } catch (IOException e) {
            // Closing a test server is best effort; the JVM ends soon anyway.
        }
    }
}
