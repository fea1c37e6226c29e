package io.certgauge.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's TLS endpoints: one loopback server per situation certgauge reports, with certificates
 * made at start relative to the given time, a private CA file that trusts them, and a targets file
 * that lists them. Close it to stop the servers.
 */
public final class DemoEndpoints implements AutoCloseable {

    /** The domain of every demo name; {@code .test} is reserved and never resolves. */
    public static final String DOMAIN = "demo.certgauge.test";

    /**
     * One demo endpoint.
     *
     * @param name the target id
     * @param sni the name sent and checked
     * @param shows what an operator should see, for the printed overview
     */
    public record Endpoint(String name, String sni, int port, String shows) {}

    private final List<DemoTlsServer> servers;
    private final List<Endpoint> endpoints;
    private final Path caFile;
    private final Path targetsFile;

    private DemoEndpoints(
            List<DemoTlsServer> servers, List<Endpoint> endpoints, Path caFile, Path targetsFile) {
        this.servers = servers;
        this.endpoints = endpoints;
        this.caFile = caFile;
        this.targetsFile = targetsFile;
    }

    /**
     * Makes the certificates, starts the servers on 127.0.0.1 and writes the files to {@code dir}.
     */
    public static DemoEndpoints start(Path dir, Instant now)
            throws IOException, GeneralSecurityException {
        Pki.Issued root =
                Pki.root("certgauge demo root")
                        .validFrom(now.minus(days(400)))
                        .validFor(days(3650))
                        .issue();
        Pki.Issued intermediate =
                Pki.intermediate("certgauge demo intermediate", root)
                        .validFrom(now.minus(days(400)))
                        .validFor(days(1825))
                        .issue();
        Pki.Issued oldRoot =
                Pki.root("certgauge demo old root")
                        .validFrom(now.minus(days(4000)))
                        .validFor(days(3600))
                        .issue();
        Pki.Issued crossSigned =
                Pki.intermediate("certgauge demo root", oldRoot)
                        .keyPair(root.keyPair())
                        .validFrom(now.minus(days(1500)))
                        .validFor(days(1100))
                        .issue();

        Files.createDirectories(dir);
        Path caFile =
                Pki.writePem(
                        dir.resolve("demo-ca.pem"), root.certificate(), intermediate.certificate());

        Situations s = new Situations(now, intermediate);
        List<DemoTlsServer> servers = new ArrayList<>();
        List<Endpoint> endpoints = new ArrayList<>();
        s.add(servers, endpoints, "valid", "healthy: 200 days left", s.leaf("valid", -10, 200));
        s.add(
                servers,
                endpoints,
                "expiring-20d",
                "WARNING: expires in 20 days",
                s.leaf("expiring-20d", -345, 20));
        s.add(
                servers,
                endpoints,
                "expiring-5d",
                "CRITICAL: expires in 5 days",
                s.leaf("expiring-5d", -360, 5));
        s.add(servers, endpoints, "expired", "CRITICAL: expired", s.leaf("expired", -368, -3));
        s.add(
                servers,
                endpoints,
                "wrong-host",
                "CRITICAL: hostname_mismatch",
                s.chain(s.issue(Pki.leaf("other." + DOMAIN), -10, 200)));
        Pki.Issued selfSigned =
                Pki.leaf("self-signed." + DOMAIN)
                        .validFrom(now.minus(days(10)))
                        .validFor(days(210))
                        .issue();
        s.add(
                servers,
                endpoints,
                "self-signed",
                "CRITICAL: self_signed",
                new Presented(selfSigned, List.of(selfSigned.certificate())));
        Pki.Issued bare = s.issue(Pki.leaf("incomplete-chain." + DOMAIN), -10, 200);
        s.add(
                servers,
                endpoints,
                "incomplete-chain",
                "CRITICAL: incomplete_chain (intermediate not sent)",
                new Presented(bare, List.of(bare.certificate())));
        s.add(
                servers,
                endpoints,
                "renewal-overdue",
                "WARNING: renewal_overdue (45-day certificate, 10 days left)",
                s.leaf("renewal-overdue", -35, 10));
        Pki.Issued crossLeaf = s.issue(Pki.leaf("expired-cross-root." + DOMAIN), -10, 200);
        s.add(
                servers,
                endpoints,
                "expired-cross-root",
                "WARNING: expired_extra_cert (an expired cross-signed root sent too)",
                new Presented(
                        crossLeaf,
                        List.of(
                                crossLeaf.certificate(),
                                intermediate.certificate(),
                                crossSigned.certificate())));
        Pki.Issued orderLeaf = s.issue(Pki.leaf("chain-order." + DOMAIN), -10, 200);
        s.add(
                servers,
                endpoints,
                "chain-order",
                "WARNING: chain_order (the root is sent before the intermediate)",
                new Presented(
                        orderLeaf,
                        List.of(
                                orderLeaf.certificate(),
                                root.certificate(),
                                intermediate.certificate())));

        s.add(
                servers,
                endpoints,
                "weak-key",
                "CRITICAL: weak_key (a 1024-bit RSA leaf)",
                s.chain(s.issue(Pki.leaf("weak-key." + DOMAIN).key("RSA", 1024), -10, 200)));
        s.add(
                servers,
                endpoints,
                "weak-signature",
                "CRITICAL: weak_signature (the leaf is signed with SHA-1)",
                s.chain(
                        s.issue(
                                Pki.leaf("weak-signature." + DOMAIN)
                                        .signatureAlgorithm("SHA1withECDSA"),
                                -10,
                                200)));
        s.add(
                servers,
                endpoints,
                "deprecated-protocol",
                "WARNING: deprecated_protocol (the server speaks TLS 1.0 only)",
                s.leaf("deprecated-protocol", -10, 200),
                List.of("TLSv1"));

        Path targets = dir.resolve("demo-targets.yaml");
        Files.writeString(targets, targetsYaml(endpoints, caFile), StandardCharsets.UTF_8);
        return new DemoEndpoints(servers, endpoints, caFile, targets);
    }

    public List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    public Path caFile() {
        return caFile;
    }

    public Path targetsFile() {
        return targetsFile;
    }

    @Override
    public void close() throws IOException {
        for (DemoTlsServer server : servers) {
            server.close();
        }
    }

    private static String targetsYaml(List<Endpoint> endpoints, Path caFile) {
        StringBuilder yaml = new StringBuilder();
        yaml.append(
                "# Written by `certgauge demo`: loopback endpoints with generated certificates.\n");
        yaml.append("defaults: {interval: 5m, timeout: 5s}\n");
        yaml.append("targets:\n");
        for (Endpoint e : endpoints) {
            yaml.append("  - name: ").append(e.name()).append('\n');
            yaml.append("    host: 127.0.0.1\n");
            yaml.append("    port: ").append(e.port()).append('\n');
            yaml.append("    sni: ").append(e.sni()).append('\n');
            yaml.append("    ca_file: ").append(caFile.getFileName()).append('\n');
            yaml.append("    labels: {owner: demo-team, department: 情報システム部}\n");
        }
        return yaml.toString();
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }

    /** A server's key with the chain it presents. */
    private record Presented(Pki.Issued leaf, List<X509Certificate> chain) {}

    /** Makes leaves under the demo intermediate and starts their servers. */
    private record Situations(Instant now, Pki.Issued intermediate) {

        Pki.Issued issue(Pki.Builder leaf, long fromDays, long toDays) {
            return leaf.issuedBy(intermediate)
                    .validBetween(now.plus(days(fromDays)), now.plus(days(toDays)))
                    .issue();
        }

        Presented leaf(String name, long fromDays, long toDays) {
            return chain(issue(Pki.leaf(name + "." + DOMAIN), fromDays, toDays));
        }

        Presented chain(Pki.Issued leaf) {
            return new Presented(leaf, List.of(leaf.certificate(), intermediate.certificate()));
        }

        void add(
                List<DemoTlsServer> servers,
                List<Endpoint> endpoints,
                String name,
                String shows,
                Presented presented)
                throws IOException, GeneralSecurityException {
            add(servers, endpoints, name, shows, presented, List.of());
        }

        /** An endpoint whose server speaks only {@code protocols} (empty: the JDK's set). */
        void add(
                List<DemoTlsServer> servers,
                List<Endpoint> endpoints,
                String name,
                String shows,
                Presented presented,
                List<String> protocols)
                throws IOException, GeneralSecurityException {
            DemoTlsServer server =
                    DemoTlsServer.start(
                            InetAddress.getByName("127.0.0.1"),
                            presented.leaf().privateKey(),
                            presented.chain(),
                            protocols);
            servers.add(server);
            endpoints.add(new Endpoint(name, name + "." + DOMAIN, server.port(), shows));
        }
    }
}
