package io.certgauge.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certgauge.demo.Pki;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KeyPurposesTest {

    static final String NAME = "www.example.test";
    static final Pki.Issued ROOT =
            CertBuilder.ca("Purpose Root").validFor(Duration.ofDays(3650)).issue();

    final Analyzer analyzer = new Analyzer(Clock.fixed(AnalyzerTest.NOW, ZoneOffset.UTC));

    ChainReport analyze(ValidationOptions options, Pki.Issued... chain) {
        List<X509Certificate> certs =
                Arrays.stream(chain).map(Pki.Issued::certificate).collect(Collectors.toList());
        TrustMaterial trust =
                new TrustMaterial(
                        List.of(new TrustMaterial.Anchor(ROOT.certificate(), false)), List.of());
        return analyzer.analyze(certs, new AnalysisContext(NAME, NAME, trust), options);
    }

    ChainReport analyze(Pki.Issued... chain) {
        return analyze(ValidationOptions.DEFAULT, chain);
    }

    static String untrusted(ChainReport report) {
        return NameConstraintsTest.untrusted(report);
    }

    @Nested
    class ExtendedKeyUsage {

        @Test
        void leafForClientAuthenticationOnlyIsUntrustedForAServer() {
            Pki.Issued leaf =
                    CertBuilder.leaf(NAME)
                            .issuedBy(ROOT)
                            .eku(false, KeyPurposeId.id_kp_clientAuth)
                            .issue();

            ChainReport report = analyze(leaf);

            assertThat(untrusted(report))
                    .isEqualTo(
                            "no acceptable path to a trust anchor: EKU: leaf CN=www.example.test"
                                    + " allows clientAuth, not serverAuth");
        }

        @Test
        void leafWithoutExtKeyUsageMayServeOnAPrivatePath() {
            Pki.Issued leaf =
                    CertBuilder.leaf(NAME)
                            .issuedBy(ROOT)
                            .without(Extension.extendedKeyUsage)
                            .issue();

            assertThat(analyze(leaf).findings()).isEmpty();
        }

        @Test
        void anyExtendedKeyUsageAllowsServing() {
            Pki.Issued leaf =
                    CertBuilder.leaf(NAME)
                            .issuedBy(ROOT)
                            .eku(false, KeyPurposeId.anyExtendedKeyUsage)
                            .issue();

            assertThat(analyze(leaf).findings()).isEmpty();
        }

        @Test
        void extKeyUsageThatListsNothingAllowsNothing() {
            Pki.Issued leaf =
                    CertBuilder.leaf(NAME)
                            .issuedBy(ROOT)
                            .extension(Extension.extendedKeyUsage, false, new DERSequence())
                            .issue();

            assertThat(untrusted(analyze(leaf))).contains("lists no purpose");
        }

        @Test
        void intermediateLimitedToEmailCannotIssueServerCertificates() {
            Pki.Issued mailCa =
                    CertBuilder.ca("Mail CA")
                            .issuedBy(ROOT)
                            .eku(false, KeyPurposeId.id_kp_emailProtection)
                            .issue();
            Pki.Issued leaf = CertBuilder.leaf(NAME).issuedBy(mailCa).issue();

            ChainReport report = analyze(leaf, mailCa);

            assertThat(untrusted(report))
                    .contains("intermediate CN=Mail CA allows emailProtection, not serverAuth");
        }

        @Test
        void intermediateThatAllowsServerAuthIssuesServers() {
            Pki.Issued tlsCa =
                    CertBuilder.ca("TLS CA")
                            .issuedBy(ROOT)
                            .eku(
                                    false,
                                    KeyPurposeId.id_kp_serverAuth,
                                    KeyPurposeId.id_kp_clientAuth)
                            .issue();
            Pki.Issued leaf = CertBuilder.leaf(NAME).issuedBy(tlsCa).issue();

            assertThat(analyze(leaf, tlsCa).findings()).isEmpty();
        }
    }

    @Nested
    class Options {

        @Test
        void requiredKeyUsageMissingFromTheLeafIsUntrusted() {
            Pki.Issued leaf =
                    CertBuilder.leaf(NAME)
                            .issuedBy(ROOT)
                            .keyUsage(KeyUsage.keyEncipherment)
                            .issue();
            ValidationOptions options =
                    ValidationOptions.DEFAULT.withLeafKeyUsages(
                            Set.of(ValidationOptions.KeyUsage.DIGITAL_SIGNATURE));

            ChainReport report = analyze(options, leaf);

            assertThat(untrusted(report))
                    .contains(
                            "key usage: leaf CN=www.example.test has a"
                                    + " keyUsage without digitalSignature");
        }

        @Test
        void requiredKeyUsageIsMetByALeafWithoutTheExtension() {
            Pki.Issued leaf =
                    CertBuilder.leaf(NAME).issuedBy(ROOT).without(Extension.keyUsage).issue();
            ValidationOptions options =
                    ValidationOptions.DEFAULT.withLeafKeyUsages(
                            Set.of(ValidationOptions.KeyUsage.DIGITAL_SIGNATURE));

            assertThat(analyze(options, leaf).findings()).isEmpty();
        }

        @Test
        void depthLimitCountsIntermediatesButNotSelfIssuedOnes() {
            Pki.Issued ca = CertBuilder.ca("Depth CA").issuedBy(ROOT).issue();
            Pki.Issued rollover = CertBuilder.ca("Depth CA").issuedBy(ca).issue();
            Pki.Issued leaf = CertBuilder.leaf(NAME).issuedBy(rollover).issue();
            ValidationOptions one = ValidationOptions.DEFAULT.withMaxIntermediates(1);
            ValidationOptions none = ValidationOptions.DEFAULT.withMaxIntermediates(0);

            assertThat(analyze(one, leaf, rollover, ca).findings()).isEmpty();
            assertThat(untrusted(analyze(none, leaf, rollover, ca)))
                    .contains("chain depth: the path has 1 intermediates, more than the 0");
        }

        @Test
        void negativeDepthIsRefused() {
            assertThatThrownBy(() -> ValidationOptions.DEFAULT.withMaxIntermediates(-1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-1");
        }

        @Test
        void keyUsageNamesAreRfcNames() {
            assertThat(ValidationOptions.KeyUsage.DIGITAL_SIGNATURE.rfcName())
                    .isEqualTo("digitalSignature");
            assertThat(ValidationOptions.KeyUsage.KEY_CERT_SIGN.rfcName()).isEqualTo("keyCertSign");
            assertThat(ValidationOptions.KeyUsage.KEY_CERT_SIGN.bit()).isEqualTo(5);
        }
    }
}
