package io.certgauge.chain;

import static io.certgauge.demo.Pki.days;
import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.demo.Pki;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CryptoPolicyTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final String NAME = "www.crypto.test";

    final Analyzer analyzer = new Analyzer(Clock.fixed(NOW, ZoneOffset.UTC));

    static Pki.Builder root(String cn) {
        return Pki.root(cn).validFrom(NOW.minus(days(400))).validFor(days(3650));
    }

    static Pki.Builder intermediate(String cn, Pki.Issued issuer) {
        return Pki.intermediate(cn, issuer).validFrom(NOW.minus(days(300))).validFor(days(1825));
    }

    static Pki.Builder leaf(Pki.Issued issuer) {
        return Pki.leaf(NAME).issuedBy(issuer).validFrom(NOW.minus(days(10))).validFor(days(90));
    }

    static TrustMaterial trusting(Pki.Issued root) {
        return new TrustMaterial(
                List.of(new TrustMaterial.Anchor(root.certificate(), false)), List.of());
    }

    ChainReport analyze(TrustMaterial trust, String protocol, Pki.Issued... presented) {
        List<X509Certificate> chain =
                Arrays.stream(presented).map(Pki.Issued::certificate).collect(Collectors.toList());
        AnalysisContext context =
                new AnalysisContext(NAME, NAME, trust, protocol, null, false, null);
        return analyzer.analyze(chain, context);
    }

    ChainReport analyzeChain(TrustMaterial trust, X509Certificate... presented) {
        return analyzer.analyze(List.of(presented), new AnalysisContext(NAME, NAME, trust));
    }

    static String message(ChainReport report, FindingCode code) {
        return report.findings().stream()
                .filter(f -> f.code() == code)
                .map(Finding::message)
                .findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + report.findings()));
    }

    /** A leaf signed by {@code issuer} with RSASSA-PSS over {@code digest} (RFC 4055). */
    static X509Certificate pssSigned(Pki.Issued issuer, String digest, int saltLength)
            throws Exception {
        KeyPair keys = Pki.generateKeyPair("EC", 256);
        X509v3CertificateBuilder builder =
                new JcaX509v3CertificateBuilder(
                        issuer.certificate().getSubjectX500Principal(),
                        BigInteger.valueOf(0x5150),
                        Date.from(NOW.minus(days(10))),
                        Date.from(NOW.plus(days(80))),
                        new X500Principal("CN=" + NAME),
                        keys.getPublic());
        builder.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, NAME)));
        PSSParameterSpec pss =
                new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), saltLength, 1);
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(
                                new JcaContentSignerBuilder("RSASSA-PSS", pss)
                                        .setProvider(new BouncyCastleProvider())
                                        .build(issuer.privateKey())));
    }

    @Nested
    class WeakKey {

        private final Pki.Issued root = root("Key Root").issue();
        private final Pki.Issued intermediate = intermediate("Key Intermediate", root).issue();

        @Test
        void rsa1024LeafIsAWeakKeyAndTheOnlyFinding() {
            Pki.Issued weak = leaf(intermediate).key("RSA", 1024).issue();

            ChainReport report = analyze(trusting(root), "TLSv1.3", weak, intermediate);

            assertThat(report.findings())
                    .extracting(Finding::code)
                    .containsExactly(FindingCode.WEAK_KEY);
            assertThat(report.valid()).isFalse();
            assertThat(message(report, FindingCode.WEAK_KEY))
                    .contains(
                            "leaf CN="
                                    + NAME
                                    + " has a 1024-bit RSA key (at least 2048 bits needed)");
        }

        @Test
        void rsa2048LeafIsJustStrongEnough() {
            Pki.Issued leaf = leaf(intermediate).key("RSA", 2048).issue();

            ChainReport report = analyze(trusting(root), "TLSv1.3", leaf, intermediate);

            assertThat(report.findings()).isEmpty();
        }

        @Test
        void ecP256LeafIsFine() {
            Pki.Issued leaf = leaf(intermediate).key("EC", 256).issue();

            ChainReport report = analyze(trusting(root), "TLSv1.3", leaf, intermediate);

            assertThat(report.findings()).isEmpty();
        }

        @Test
        void dsaLeafIsWeakWhateverItsSize() {
            Pki.Issued dsa = leaf(intermediate).key("DSA", 2048).issue();

            ChainReport report = analyze(trusting(root), null, dsa, intermediate);

            assertThat(message(report, FindingCode.WEAK_KEY))
                    .contains(
                            "leaf CN="
                                    + NAME
                                    + " has a 2048-bit DSA key (DSA is no longer accepted)");
        }

        @Test
        void weakTrustAnchorIsNamedAsTheTrustAnchor() {
            Pki.Issued weakRoot = root("Weak Root").key("RSA", 1024).issue();
            Pki.Issued below = intermediate("Strong Intermediate", weakRoot).issue();
            Pki.Issued leaf = leaf(below).issue();

            ChainReport report = analyze(trusting(weakRoot), null, leaf, below);

            assertThat(report.verified()).isTrue();
            assertThat(message(report, FindingCode.WEAK_KEY))
                    .isEqualTo(
                            "trust anchor CN=Weak Root has a 1024-bit RSA key (at least 2048 bits"
                                    + " needed)");
        }

        @Test
        void everyWeakCertificateOnThePathIsNamedInOneFinding() {
            Pki.Issued weakIntermediate =
                    intermediate("Weak Intermediate", root).key("RSA", 1024).issue();
            Pki.Issued weakLeaf = leaf(weakIntermediate).key("RSA", 1536).issue();

            ChainReport report = analyze(trusting(root), null, weakLeaf, weakIntermediate);

            assertThat(message(report, FindingCode.WEAK_KEY))
                    .contains(
                            "leaf CN="
                                    + NAME
                                    + " has a 1536-bit RSA key (at least 2048 bits needed);"
                                    + " intermediate CN=Weak Intermediate has a 1024-bit RSA key"
                                    + " (at least 2048 bits needed)");
        }

        @Test
        void leafOfAnUntrustedChainIsStillJudged() {
            Pki.Issued weak = leaf(intermediate).key("RSA", 1024).issue();
            Pki.Issued stranger = root("Someone Else's Root").issue();

            ChainReport report = analyze(trusting(stranger), null, weak, intermediate);

            assertThat(report.findings())
                    .extracting(Finding::code)
                    .containsExactly(FindingCode.UNTRUSTED, FindingCode.WEAK_KEY);
        }

        @ParameterizedTest
        @CsvSource({
            "RSA, 1024, true", "RSA, 2047, true", "RSA, 2048, false", "RSA, 4096, false",
            "EC, 224, true", "EC, 255, true", "EC, 256, false", "EC, 384, false",
            "DSA, 3072, true", "Ed25519, 255, false", "Ed448, 448, false"
        })
        void keySizeLimitsFollowTheBaselineRequirements(String type, int bits, boolean weak) {
            assertThat(CryptoPolicy.keyWeakness(type, bits).isPresent()).isEqualTo(weak);
        }
    }

    @Nested
    class WeakSignature {

        private final Pki.Issued rsaRoot = root("RSA Root").key("RSA", 2048).issue();

        @Test
        void sha1SignedIntermediateIsAWeakSignature() {
            Pki.Issued sha1 =
                    intermediate("SHA-1 Intermediate", rsaRoot)
                            .signatureAlgorithm("SHA1withRSA")
                            .issue();
            Pki.Issued leaf = leaf(sha1).issue();

            ChainReport report = analyze(trusting(rsaRoot), null, leaf, sha1);

            assertThat(report.findings())
                    .extracting(Finding::code)
                    .containsExactly(FindingCode.WEAK_SIGNATURE);
            assertThat(message(report, FindingCode.WEAK_SIGNATURE))
                    .contains(
                            "intermediate CN=SHA-1 Intermediate is signed with SHA1withRSA"
                                    + " (MD5 and SHA-1 signatures can be forged)");
        }

        @Test
        void sha1SelfSignatureOfTheTrustAnchorIsNotAFinding() {
            Pki.Issued oldRoot =
                    root("Old SHA-1 Root")
                            .key("RSA", 2048)
                            .signatureAlgorithm("SHA1withRSA")
                            .issue();
            Pki.Issued intermediate = intermediate("Modern Intermediate", oldRoot).issue();
            Pki.Issued leaf = leaf(intermediate).issue();

            ChainReport report = analyze(trusting(oldRoot), null, leaf, intermediate, oldRoot);

            assertThat(oldRoot.certificate().getSigAlgName()).isEqualTo("SHA1withRSA");
            assertThat(report.findings()).isEmpty();
        }

        @Test
        void md5SignedLeafIsAWeakSignature() {
            Pki.Issued md5 = leaf(rsaRoot).signatureAlgorithm("MD5withRSA").issue();

            ChainReport report = analyze(trusting(rsaRoot), null, md5);

            assertThat(message(report, FindingCode.WEAK_SIGNATURE))
                    .contains("leaf CN=" + NAME + " is signed with MD5withRSA");
        }

        @Test
        void rsaPssWithSha1IsAWeakSignature() throws Exception {
            X509Certificate pss = pssSigned(rsaRoot, "SHA-1", 20);

            ChainReport report = analyzeChain(trusting(rsaRoot), pss);

            assertThat(message(report, FindingCode.WEAK_SIGNATURE))
                    .contains("leaf CN=" + NAME + " is signed with RSASSA-PSS with SHA-1");
        }

        @Test
        void rsaPssWithSha256IsFine() throws Exception {
            X509Certificate pss = pssSigned(rsaRoot, "SHA-256", 32);

            ChainReport report = analyzeChain(trusting(rsaRoot), pss);

            assertThat(report.findings()).isEmpty();
        }
    }

    @Nested
    class DeprecatedProtocol {

        private final Pki.Issued root = root("Protocol Root").issue();
        private final Pki.Issued leaf = leaf(root).issue();

        @ParameterizedTest
        @CsvSource({
            "TLSv1, true",
            "TLSv1.1, true",
            "SSLv3, true",
            "TLSv1.2, false",
            "TLSv1.3, false"
        })
        void oldNegotiatedVersionsAreDeprecated(String protocol, boolean deprecated) {
            ChainReport report = analyze(trusting(root), protocol, leaf);

            assertThat(report.has(FindingCode.DEPRECATED_PROTOCOL)).isEqualTo(deprecated);
            assertThat(report.valid()).isTrue();
        }

        @Test
        void chainWithoutAHandshakeHasNoProtocolToJudge() {
            ChainReport report = analyze(trusting(root), null, leaf);

            assertThat(report.findings()).isEmpty();
        }

        @Test
        void messageSaysTheVersionIsTheBestTheServerOffers() {
            ChainReport report = analyze(trusting(root), "TLSv1", leaf);

            assertThat(message(report, FindingCode.DEPRECATED_PROTOCOL))
                    .contains(
                            "the server's best protocol is TLSv1 (certgauge offers TLS 1.0 to 1.3);"
                                    + " RFC 8996 deprecates it, and current clients refuse it");
        }
    }
}
