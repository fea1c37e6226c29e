package io.certgauge.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.certgauge.demo.Pki;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameConstraintsTest {

    static final Pki.Issued ROOT = CertBuilder.ca("NC Root").validFor(days(3650)).issue();

    final Analyzer analyzer = new Analyzer(Clock.fixed(AnalyzerTest.NOW, ZoneOffset.UTC));

    static Duration days(long n) {
        return Duration.ofDays(n);
    }

    static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    static GeneralName ip(String cidrOrAddress) {
        return new GeneralName(GeneralName.iPAddress, cidrOrAddress);
    }

    static Pki.Issued constrainedCa(List<GeneralName> permitted, List<GeneralName> excluded) {
        return CertBuilder.ca("Constrained CA")
                .issuedBy(ROOT)
                .nameConstraints(permitted, excluded)
                .issue();
    }

    ChainReport analyze(String name, Pki.Issued... chain) {
        List<X509Certificate> certs = new ArrayList<>();
        for (Pki.Issued issued : chain) {
            certs.add(issued.certificate());
        }
        TrustMaterial trust =
                new TrustMaterial(
                        List.of(new TrustMaterial.Anchor(ROOT.certificate(), false)), List.of());
        return analyzer.analyze(certs, new AnalysisContext(name, name, trust));
    }

    static String untrusted(ChainReport report) {
        return report.findings().stream()
                .filter(f -> f.code() == FindingCode.UNTRUSTED)
                .map(Finding::message)
                .findFirst()
                .orElse("");
    }

    @Nested
    class DnsSubtrees {

        final Pki.Issued ca = constrainedCa(List.of(dns("example.test")), List.of());

        @Test
        void nameBelowThePermittedSubtreeIsTrusted() {
            Pki.Issued leaf = CertBuilder.leaf("www.example.test").issuedBy(ca).issue();

            ChainReport report = analyze("www.example.test", leaf, ca);

            assertThat(report.findings()).isEmpty();
        }

        @Test
        void nameOutsideThePermittedSubtreeIsUntrustedWithTheRuleNamed() {
            Pki.Issued leaf = CertBuilder.leaf("www.other.test").issuedBy(ca).issue();

            ChainReport report = analyze("www.other.test", leaf, ca);

            assertThat(untrusted(report))
                    .isEqualTo(
                            "no acceptable path to a trust anchor: name constraints:"
                                    + " DNS:www.other.test of CN=www.other.test is outside the"
                                    + " permitted subtrees of CN=Constrained CA");
        }

        @Test
        void labelBoundariesMatterSoASuffixInsideALabelIsOutside() {
            Pki.Issued leaf = CertBuilder.leaf("badexample.test").issuedBy(ca).issue();

            ChainReport report = analyze("badexample.test", leaf, ca);

            assertThat(untrusted(report)).contains("outside the permitted subtrees");
        }

        @Test
        void excludedSubtreeWinsOverAPermittedOne() {
            Pki.Issued both =
                    constrainedCa(
                            List.of(dns("example.test")), List.of(dns("secret.example.test")));
            Pki.Issued leaf = CertBuilder.leaf("db.secret.example.test").issuedBy(both).issue();

            ChainReport report = analyze("db.secret.example.test", leaf, both);

            assertThat(untrusted(report))
                    .contains("is within the excluded subtree DNS:secret.example.test");
        }

        @Test
        void everySanIsCheckedNotOnlyTheNameConnectedTo() {
            Pki.Issued leaf =
                    CertBuilder.leaf("www.example.test")
                            .issuedBy(ca)
                            .san(dns("www.example.test"), dns("www.elsewhere.test"))
                            .issue();

            ChainReport report = analyze("www.example.test", leaf, ca);

            assertThat(untrusted(report)).contains("DNS:www.elsewhere.test");
        }
    }

    @Nested
    class Wildcards {

        @Test
        void wildcardThatCouldNameAnExcludedHostIsRejected() {
            Pki.Issued ca = constrainedCa(List.of(), List.of(dns("bar.example.test")));
            Pki.Issued leaf = CertBuilder.leaf("*.example.test").issuedBy(ca).issue();

            ChainReport report = analyze("foo.example.test", leaf, ca);

            assertThat(untrusted(report))
                    .contains("DNS:*.example.test")
                    .contains("excluded subtree DNS:bar.example.test");
        }

        @Test
        void wildcardWiderThanThePermittedSubtreeIsRejected() {
            Pki.Issued ca = constrainedCa(List.of(dns("foo.example.test")), List.of());
            Pki.Issued leaf = CertBuilder.leaf("*.example.test").issuedBy(ca).issue();

            ChainReport report = analyze("foo.example.test", leaf, ca);

            assertThat(untrusted(report)).contains("outside the permitted subtrees");
        }

        @Test
        void wildcardWithinThePermittedSubtreeIsTrusted() {
            Pki.Issued ca = constrainedCa(List.of(dns("example.test")), List.of());
            Pki.Issued leaf = CertBuilder.leaf("*.example.test").issuedBy(ca).issue();

            ChainReport report = analyze("www.example.test", leaf, ca);

            assertThat(report.findings()).isEmpty();
        }
    }

    @Nested
    class OnTheTrustAnchor {

        @Test
        void anchorConstraintsApplyToEveryCertificateBelow() {
            Pki.Issued root =
                    CertBuilder.ca("Constrained Root")
                            .nameConstraints(List.of(dns("example.test")), List.of())
                            .validFor(days(3650))
                            .issue();
            Pki.Issued leaf = CertBuilder.leaf("www.other.test").issuedBy(root).issue();
            TrustMaterial trust =
                    new TrustMaterial(
                            List.of(new TrustMaterial.Anchor(root.certificate(), false)),
                            List.of());

            ChainReport report =
                    analyzer.analyze(
                            List.of(leaf.certificate()),
                            new AnalysisContext("www.other.test", "www.other.test", trust));

            assertThat(untrusted(report)).contains("of CN=Constrained Root");
        }
    }

    @Nested
    class PathChoice {

        @Test
        void unconstrainedCrossSignOfTheSameCaIsPreferred() {
            Pki.Issued constrained = constrainedCa(List.of(dns("example.test")), List.of());
            Pki.Issued unconstrained =
                    CertBuilder.ca("Constrained CA")
                            .issuedBy(ROOT)
                            .keys(constrained.keyPair())
                            .issue();
            Pki.Issued leaf = CertBuilder.leaf("www.other.test").issuedBy(constrained).issue();

            ChainReport report = analyze("www.other.test", leaf, constrained, unconstrained);

            assertThat(report.valid()).isTrue();
            assertThat(report.path()).contains(unconstrained.certificate());
        }
    }

    @Nested
    class Malformed {

        @Test
        void dnsConstraintWithALeadingPeriodIsMalformed() {
            Pki.Issued ca = constrainedCa(List.of(dns(".example.test")), List.of());
            Pki.Issued leaf = CertBuilder.leaf("www.example.test").issuedBy(ca).issue();

            ChainReport report = analyze("www.example.test", leaf, ca);

            assertThat(untrusted(report))
                    .contains(
                            "CN=Constrained CA has malformed nameConstraints: the dNSName"
                                    + " constraint '.example.test' is not a domain name");
        }

        @Test
        void ipConstraintWithANonContiguousMaskIsMalformed() {
            byte[] bad = {(byte) 192, 0, 2, 0, (byte) 255, 0, (byte) 255, 0};
            Pki.Issued ca =
                    constrainedCa(
                            List.of(
                                    new GeneralName(
                                            GeneralName.iPAddress, new DEROctetString(bad))),
                            List.of());
            Pki.Issued leaf = CertBuilder.leaf("ip").issuedBy(ca).san(ip("192.0.2.1")).issue();

            ChainReport report = analyze("192.0.2.1", leaf, ca);

            assertThat(untrusted(report)).contains("not an address and a CIDR mask");
        }

        @Test
        void nameConstraintsOnALeafAreRejected() {
            Pki.Issued leaf =
                    CertBuilder.leaf("www.example.test")
                            .issuedBy(ROOT)
                            .nameConstraints(List.of(dns("example.test")), List.of())
                            .issue();

            ChainReport report = analyze("www.example.test", leaf);

            assertThat(untrusted(report))
                    .contains(
                            "leaf CN=www.example.test carries"
                                    + " nameConstraints, which only a CA certificate may");
        }
    }

    @Nested
    class OtherForms {

        final ASN1ObjectIdentifier privateForm = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.9");

        GeneralName otherName(String value) {
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(privateForm);
            v.add(new DERTaggedObject(true, 0, new DERUTF8String(value)));
            return new GeneralName(GeneralName.otherName, new DERSequence(v));
        }

        @Test
        void constraintOnAFormCertgaugeCannotProcessRejectsANameOfThatForm() {
            Pki.Issued ca = constrainedCa(List.of(), List.of(otherName("x")));
            Pki.Issued leaf =
                    CertBuilder.leaf("www.example.test")
                            .issuedBy(ca)
                            .san(dns("www.example.test"), otherName("y"))
                            .issue();

            ChainReport report = analyze("www.example.test", leaf, ca);

            assertThat(untrusted(report)).contains("cannot process");
        }

        @Test
        void constraintOnAFormTheLeafDoesNotUseIsHarmless() {
            Pki.Issued ca = constrainedCa(List.of(), List.of(otherName("x")));
            Pki.Issued leaf = CertBuilder.leaf("www.example.test").issuedBy(ca).issue();

            ChainReport report = analyze("www.example.test", leaf, ca);

            assertThat(report.findings()).isEmpty();
        }

        @Test
        void directoryNameConstraintJudgesTheSubject() {
            Pki.Issued ca =
                    constrainedCa(List.of(new GeneralName(new X500Name("O=Example"))), List.of());
            Pki.Issued inside =
                    CertBuilder.leafWithSubject("O=Example,CN=www.example.test")
                            .issuedBy(ca)
                            .san(dns("www.example.test"))
                            .issue();
            Pki.Issued outside =
                    CertBuilder.leafWithSubject("O=Other,CN=www.example.test")
                            .issuedBy(ca)
                            .san(dns("www.example.test"))
                            .issue();

            assertThat(analyze("www.example.test", inside, ca).findings()).isEmpty();
            assertThat(untrusted(analyze("www.example.test", outside, ca)))
                    .contains("subject O=Other,CN=www.example.test");
        }
    }

    @Nested
    class Bounds {

        @Test
        void thousandsOfNamesAgainstThousandsOfConstraintsAreRefusedQuickly() {
            List<GeneralName> excluded = new ArrayList<>();
            for (int i = 0; i < 1100; i++) {
                excluded.add(dns("x" + i + ".example.test"));
            }
            GeneralName[] names = new GeneralName[1100];
            for (int i = 0; i < names.length; i++) {
                names[i] = dns("n" + i + ".example.test");
            }
            Pki.Issued ca = constrainedCa(List.of(), excluded);
            Pki.Issued leaf = CertBuilder.leaf("n0.example.test").issuedBy(ca).san(names).issue();

            ChainReport report =
                    assertTimeoutPreemptively(
                            Duration.ofSeconds(10), () -> analyze("n0.example.test", leaf, ca));

            assertThat(untrusted(report)).contains("more than certgauge checks");
        }
    }

    @Nested
    class Matching {

        @ParameterizedTest(name = "{0} within {1} (any of: {2}): {3}")
        @CsvSource({
            "example.test,       example.test,      false, true",
            "a.b.example.test,   example.test,      false, true",
            "EXAMPLE.test.,      example.TEST,      false, true",
            "example.test,       a.example.test,    false, false",
            "notexample.test,    example.test,      false, false",
            "anything.test,      '',                false, true",
            "*.example.test,     example.test,      false, true",
            "*.example.test,     foo.example.test,  false, false",
            "*.example.test,     foo.example.test,  true,  true",
            "*.example.test,     a.foo.example.test, true, false",
            ".example.test,      example.test,      false, false",
            "a..example.test,    example.test,      false, false",
        })
        void dnsNamesFallUnderSubtreesByWholeLabels(
                String name, String constraint, boolean anyOf, boolean within) {
            assertThat(NameConstraints.dnsWithin(name, constraint, anyOf)).isEqualTo(within);
        }

        @ParameterizedTest(name = "{0} within {1}: {2}")
        @CsvSource({
            "192.0.2.7,   192.0.2.0/24,   true",
            "192.0.3.7,   192.0.2.0/24,   false",
            "::1,         ::1/128,        true",
            "::2,         ::1/128,        false",
            "192.0.2.7,   2001:db8::/32,  false",
        })
        void addressesFallUnderSubtreesByMask(String address, String cidr, boolean within) {
            byte[] octets = octets(ip(address));
            byte[] constraint = octets(ip(cidr));

            assertThat(NameConstraints.ipWithin(octets, constraint)).isEqualTo(within);
        }

        @ParameterizedTest(name = "{0} within {1}: {2}")
        @CsvSource({
            "ops@example.test,      ops@example.test,  true",
            "Ops@example.test,      ops@example.test,  false",
            "ops@EXAMPLE.test,      example.test,      true",
            "ops@mail.example.test, example.test,      false",
            "ops@mail.example.test, .example.test,     true",
            "no-at-sign,            example.test,      false",
        })
        void mailboxesFallUnderMailboxHostOrDomainSubtrees(
                String mailbox, String constraint, boolean within) {
            assertThat(NameConstraints.emailWithin(mailbox, constraint)).isEqualTo(within);
        }

        @ParameterizedTest(name = "{0} within {1}: {2}")
        @CsvSource({
            "https://www.example.test/x,      www.example.test,  true",
            "https://user@www.example.test:8443/, www.example.test, true",
            "https://www.example.test/,       .example.test,     true",
            "https://example.test/,           .example.test,     false",
            "urn:isbn:123,                    example.test,      false",
        })
        void urisFallUnderSubtreesByTheirHost(String uri, String constraint, boolean within) {
            assertThat(NameConstraints.uriWithin(uri, constraint)).isEqualTo(within);
        }

        private byte[] octets(GeneralName name) {
            return ASN1OctetString.getInstance(name.getName()).getOctets();
        }
    }
}
