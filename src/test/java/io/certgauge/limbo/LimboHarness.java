package io.certgauge.limbo;

import io.certgauge.chain.AnalysisContext;
import io.certgauge.chain.Analyzer;
import io.certgauge.chain.ChainReport;
import io.certgauge.chain.Finding;
import io.certgauge.chain.FindingCode;
import io.certgauge.chain.Severity;
import io.certgauge.chain.TrustMaterial;
import io.certgauge.chain.ValidationOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs one x509-limbo testcase through certgauge's own {@link Analyzer} and grades the verdict.
 *
 * <p>How a testcase is put to the Analyzer:
 *
 * <ul>
 *   <li>the peer certificate first, then every untrusted intermediate, as the presented chain:
 *       x509-limbo's intermediates are a pool to build from, which is what a server's chain is to
 *       the Analyzer;
 *   <li>the trusted certificates as trust anchors marked public, so the CA/Browser Forum profile
 *       applies, as x509-limbo expects of a web PKI validator;
 *   <li>the testcase's validation time on a fixed clock, or now when it gives none;
 *   <li>the expected peer name as the checked name (DNS and IP); an RFC 822 name, or none, leaves
 *       the name unchecked (no SERVER testcase has an RFC 822 name);
 *   <li>the testcase's CRLs as CRLs supplied with the chain ({@link AnalysisContext#withCrls}),
 *       which the Analyzer reads with revocation fetches off.
 * </ul>
 *
 * <p>The testcase counts as accepted when the report has no error-level finding other than {@code
 * incomplete_chain} (a path through the pool is what the testcase asks for). {@code revoked} is an
 * error and so a rejection; for a testcase that supplies CRLs, {@code revocation_unknown} is one
 * too, since x509-limbo expects failure when the status cannot be established from them. A
 * certificate or CRL the JDK cannot parse is a rejection: no probe could read such a chain either.
 *
 * <p>Stateless and thread-safe.
 */
final class LimboHarness {

    /** The harness' verdict on one testcase and what the Analyzer said. */
    record Grade(LimboCase testcase, boolean accepted, String said) {

        boolean agrees() {
            return accepted == testcase.expectsSuccess();
        }
    }

    private static final Map<String, String> EKU_OIDS =
            Map.of(
                    "anyExtendedKeyUsage", "2.5.29.37.0",
                    "serverAuth", ValidationOptions.SERVER_AUTH,
                    "clientAuth", "1.3.6.1.5.5.7.3.2",
                    "codeSigning", "1.3.6.1.5.5.7.3.3",
                    "emailProtection", "1.3.6.1.5.5.7.3.4",
                    "timeStamping", "1.3.6.1.5.5.7.3.8",
                    "OCSPSigning", "1.3.6.1.5.5.7.3.9");

    private LimboHarness() {}

    static Grade grade(LimboCase tc) {
        List<X509Certificate> trusted;
        List<X509Certificate> presented = new ArrayList<>();
        try {
            trusted = parse(tc.trustedCerts());
            presented.add(parse(tc.peerCertificate()));
            presented.addAll(parse(tc.untrustedIntermediates()));
        } catch (CertificateException | RuntimeException e) {
            return new Grade(tc, false, "the JDK cannot parse a certificate: " + e.getMessage());
        }
        List<X509CRL> crls;
        try {
            crls = parseCrls(tc.crls());
        } catch (CRLException | CertificateException | RuntimeException e) {
            return new Grade(tc, false, "the JDK cannot parse a CRL: " + e.getMessage());
        }

        ChainReport report;
        try {
            Analyzer analyzer = new Analyzer(Clock.fixed(validationTime(tc), ZoneOffset.UTC));
            report = analyzer.analyze(presented, context(tc, trusted).withCrls(crls), options(tc));
        } catch (RuntimeException e) {
            return new Grade(tc, false, "the Analyzer threw " + e);
        }

        List<Finding> failures =
                report.findings().stream()
                        .filter(f -> rejects(f, !crls.isEmpty()))
                        .collect(Collectors.toList());
        if (failures.isEmpty()) {
            return new Grade(tc, true, "valid");
        }
        return new Grade(
                tc,
                false,
                failures.stream()
                        .map(f -> f.code().code() + ": " + f.message())
                        .collect(Collectors.joining("; ")));
    }

    /**
     * Whether a finding makes the testcase a rejection: an error other than {@code
     * incomplete_chain}, or {@code revocation_unknown} when the testcase supplied CRLs (a status
     * they cannot establish is a failure to x509-limbo).
     */
    static boolean rejects(Finding finding, boolean crlsSupplied) {
        if (finding.code() == FindingCode.REVOCATION_UNKNOWN) {
            return crlsSupplied;
        }
        return finding.severity() == Severity.ERROR
                && finding.code() != FindingCode.INCOMPLETE_CHAIN;
    }

    static Instant validationTime(LimboCase tc) {
        if (tc.validationTime() == null) {
            return Instant.now();
        }
        return OffsetDateTime.parse(tc.validationTime()).toInstant();
    }

    /**
     * The testcase's own constraints: {@code max_chain_depth} counts intermediates, as in
     * x509-limbo; {@code key_usage} and {@code extended_key_usage} replace the defaults when given
     * (serverAuth is the default purpose of a SERVER testcase).
     */
    static ValidationOptions options(LimboCase tc) {
        ValidationOptions options = ValidationOptions.DEFAULT;
        if (tc.maxChainDepth() != null) {
            options = options.withMaxIntermediates(tc.maxChainDepth());
        }
        if (!tc.keyUsage().isEmpty()) {
            options =
                    options.withLeafKeyUsages(
                            tc.keyUsage().stream()
                                    .map(LimboHarness::keyUsage)
                                    .collect(Collectors.toSet()));
        }
        if (!tc.extendedKeyUsage().isEmpty()) {
            options =
                    options.withLeafExtendedKeyUsages(
                            tc.extendedKeyUsage().stream()
                                    .map(LimboHarness::extendedKeyUsage)
                                    .collect(Collectors.toSet()));
        }
        return options;
    }

    private static ValidationOptions.KeyUsage keyUsage(String name) {
        return Arrays.stream(ValidationOptions.KeyUsage.values())
                .filter(u -> u.rfcName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown key usage " + name));
    }

    /** x509-limbo's KnownEKUs by name, or an OID as given. */
    private static String extendedKeyUsage(String name) {
        return EKU_OIDS.getOrDefault(name, name);
    }

    private static AnalysisContext context(LimboCase tc, List<X509Certificate> trusted) {
        List<TrustMaterial.Anchor> anchors =
                trusted.stream()
                        .map(cert -> new TrustMaterial.Anchor(cert, true))
                        .collect(Collectors.toList());
        TrustMaterial trust = new TrustMaterial(anchors, List.of());
        String name = checkedName(tc);
        return new AnalysisContext(name, name, trust);
    }

    private static String checkedName(LimboCase tc) {
        LimboCase.PeerName peer = tc.expectedPeerName();
        if (peer == null || !(peer.kind().equals("DNS") || peer.kind().equals("IP"))) {
            return "";
        }
        return peer.value();
    }

    private static List<X509Certificate> parse(List<String> pems) throws CertificateException {
        List<X509Certificate> certs = new ArrayList<>();
        for (String pem : pems) {
            certs.add(parse(pem));
        }
        return certs;
    }

    private static List<X509CRL> parseCrls(List<String> pems)
            throws CRLException, CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509CRL> crls = new ArrayList<>();
        for (String pem : pems) {
            crls.add(
                    (X509CRL)
                            factory.generateCRL(
                                    new ByteArrayInputStream(
                                            pem.getBytes(StandardCharsets.US_ASCII))));
        }
        return crls;
    }

    private static X509Certificate parse(String pem) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        return (X509Certificate)
                factory.generateCertificate(
                        new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
