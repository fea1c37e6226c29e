package io.certgauge.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.demo.Pki;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerProfileTest {

    static final String NAME = "www.example.test";
    static final Pki.Issued ROOT =
            CertBuilder.ca("Profile Root").validFor(Duration.ofDays(3650)).issue();
    static final Pki.Issued CA = CertBuilder.ca("Profile CA").issuedBy(ROOT).issue();

    final Analyzer analyzer = new Analyzer(Clock.fixed(AnalyzerTest.NOW, ZoneOffset.UTC));

    ChainReport analyze(boolean publicRoot, Pki.Issued leaf, Pki.Issued intermediate) {
        TrustMaterial trust =
                new TrustMaterial(
                        List.of(new TrustMaterial.Anchor(ROOT.certificate(), publicRoot)),
                        List.of());
        return analyzer.analyze(
                List.of(leaf.certificate(), intermediate.certificate()),
                new AnalysisContext(NAME, NAME, trust));
    }

    /** A leaf bent one way, and the words its profile violation must contain. */
    static Stream<Arguments> leafDefects() {
        return Stream.of(
                defect(
                        "serial number 0",
                        b -> b.serial(BigInteger.ZERO),
                        "has the serial number 0; it must be positive"),
                defect(
                        "negative serial",
                        b -> b.serial(BigInteger.valueOf(-5)),
                        "has the serial number -5"),
                defect(
                        "21-octet serial",
                        b -> b.serial(BigInteger.ONE.shiftLeft(164)),
                        "serial number of 21 octets"),
                defect(
                        "no AKI",
                        b -> b.without(Extension.authorityKeyIdentifier),
                        "has no authorityKeyIdentifier keyIdentifier"),
                defect("no EKU", b -> b.without(Extension.extendedKeyUsage), "has no extKeyUsage"),
                defect(
                        "critical EKU",
                        b -> b.eku(true, KeyPurposeId.id_kp_serverAuth),
                        "marks extKeyUsage critical"),
                defect(
                        "anyExtendedKeyUsage",
                        b ->
                                b.eku(
                                        false,
                                        KeyPurposeId.id_kp_serverAuth,
                                        KeyPurposeId.anyExtendedKeyUsage),
                        "allows anyExtendedKeyUsage"),
                defect(
                        "keyCertSign",
                        b -> b.keyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign),
                        "allows keyCertSign without being a CA"),
                defect(
                        "critical SAN",
                        b ->
                                b.extension(
                                        Extension.subjectAlternativeName,
                                        true,
                                        new org.bouncycastle.asn1.x509.GeneralNames(
                                                new GeneralName(GeneralName.dNSName, NAME))),
                        "marks subjectAltName critical beside a non-empty subject"),
                defect(
                        "underscore",
                        b ->
                                b.san(
                                        new GeneralName(GeneralName.dNSName, NAME),
                                        new GeneralName(GeneralName.dNSName, "a_b.example.test")),
                        "DNS:a_b.example.test, which is not a preferred-syntax host name"),
                defect(
                        "empty AIA",
                        b -> b.extension(Extension.authorityInfoAccess, false, new DERSequence()),
                        "has an authorityInfoAccess without any access description"),
                defect(
                        "RSA key of 2052 bits",
                        b -> b.keys(Pki.generateKeyPair("RSA", 2052)),
                        "has an RSA key of 2052 bits"),
                defect(
                        "DSA key",
                        b -> b.keys(Pki.generateKeyPair("DSA", 2048)),
                        "BR 6.1.5 allows RSA and ECDSA keys only"));
    }

    static Arguments defect(String name, UnaryOperator<CertBuilder> bend, String words) {
        return Arguments.of(name, bend, words);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leafDefects")
    void leafDefectIsUntrustedBelowAPublicRootOnly(
            String name, UnaryOperator<CertBuilder> bend, String words) {
        Pki.Issued leaf = bend.apply(CertBuilder.leaf(NAME).issuedBy(CA)).issue();

        ChainReport publicPath = analyze(true, leaf, CA);
        ChainReport privatePath = analyze(false, leaf, CA);

        assertThat(NameConstraintsTest.untrusted(publicPath))
                .startsWith(
                        "no acceptable path to a trust anchor: CA/Browser Forum profile:"
                                + " leaf CN=www.example.test ")
                .contains(words);
        assertThat(privatePath.has(FindingCode.UNTRUSTED)).isFalse();
    }

    @Test
    void wellFormedLeafPassesTheProfile() {
        Pki.Issued leaf = CertBuilder.leaf(NAME).issuedBy(CA).issue();

        assertThat(analyze(true, leaf, CA).findings()).isEmpty();
    }

    @Test
    void intermediateWithoutSubjectKeyIdentifierBreaksTheProfile() {
        Pki.Issued noSki =
                CertBuilder.ca("No SKI CA")
                        .issuedBy(ROOT)
                        .without(Extension.subjectKeyIdentifier)
                        .issue();
        Pki.Issued leaf = CertBuilder.leaf(NAME).issuedBy(noSki).issue();

        assertThat(NameConstraintsTest.untrusted(analyze(true, leaf, noSki)))
                .contains(
                        "intermediate CN=No SKI CA is a CA certificate without"
                                + " subjectKeyIdentifier");
    }

    @Test
    void commonNameSpellingASanEntryDifferentlyBreaksTheProfile() {
        Pki.Issued upper =
                CertBuilder.leafWithSubject("CN=WWW.Example.test")
                        .issuedBy(CA)
                        .san(new GeneralName(GeneralName.dNSName, NAME))
                        .issue();
        Pki.Issued address =
                CertBuilder.leafWithSubject("CN=192.0.2.001")
                        .issuedBy(CA)
                        .san(
                                new GeneralName(GeneralName.dNSName, NAME),
                                new GeneralName(GeneralName.iPAddress, "192.0.2.1"))
                        .issue();

        assertThat(NameConstraintsTest.untrusted(analyze(true, upper, CA)))
                .contains(
                        "common name WWW.Example.test, which is not written as its"
                                + " subjectAltName entry");
        assertThat(NameConstraintsTest.untrusted(analyze(true, address, CA)))
                .contains("common name 192.0.2.001");
    }

    @Test
    void commonNameOfAnotherHostIsIgnoredAsBrowsersIgnoreIt() {
        Pki.Issued other =
                CertBuilder.leafWithSubject("CN=legacy.example.test")
                        .issuedBy(CA)
                        .san(new GeneralName(GeneralName.dNSName, NAME))
                        .issue();

        assertThat(analyze(true, other, CA).findings()).isEmpty();
    }

    @Test
    void noRootOfTheJdkTrustStoreBreaksTheRulesAppliedToAnchors() {
        List<X509Certificate> roots =
                TrustMaterial.systemDefault().anchors().stream()
                        .map(TrustMaterial.Anchor::certificate)
                        .filter(Describe::selfIssued)
                        .collect(java.util.stream.Collectors.toList());

        assertThat(roots).isNotEmpty();
        for (X509Certificate root : roots) {
            assertThat(ServerProfile.anchorProblems(root))
                    .as("problems of %s", root.getSubjectX500Principal())
                    .isEmpty();
        }
    }
}
