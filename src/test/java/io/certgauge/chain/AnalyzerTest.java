package io.certgauge.chain;

import static io.certgauge.demo.Pki.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.certgauge.demo.Pki;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalyzerTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final String NAME = "www.example.test";

    static final Pki.Issued ROOT = root("Test Root");
    static final Pki.Issued INTERMEDIATE = intermediate("Test Intermediate", ROOT);
    static final Pki.Issued LEAF = leaf(NAME, INTERMEDIATE).issue();

    final Analyzer analyzer = new Analyzer(Clock.fixed(NOW, ZoneOffset.UTC));

    static Pki.Issued root(String cn) {
        return Pki.root(cn).validFrom(NOW.minus(days(400))).validFor(days(3650)).issue();
    }

    static Pki.Issued intermediate(String cn, Pki.Issued issuer) {
        return Pki.intermediate(cn, issuer)
                .validFrom(NOW.minus(days(300)))
                .validFor(days(1825))
                .issue();
    }

    /** A leaf for {@code name}, 10 days into a 90-day lifetime. */
    static Pki.Builder leaf(String name, Pki.Issued issuer) {
        return Pki.leaf(name).issuedBy(issuer).validFrom(NOW.minus(days(10))).validFor(days(90));
    }

    static TrustMaterial privateRoots(Pki.Issued... roots) {
        return trust(false, roots);
    }

    static TrustMaterial publicRoots(Pki.Issued... roots) {
        return trust(true, roots);
    }

    private static TrustMaterial trust(boolean publicRoot, Pki.Issued... roots) {
        List<TrustMaterial.Anchor> anchors =
                Arrays.stream(roots)
                        .map(r -> new TrustMaterial.Anchor(r.certificate(), publicRoot))
                        .collect(Collectors.toList());
        return new TrustMaterial(anchors, List.of());
    }

    ChainReport analyze(TrustMaterial trust, Pki.Issued... presented) {
        return analyzer.analyze(certs(presented), new AnalysisContext(NAME, NAME, trust));
    }

    static List<X509Certificate> certs(Pki.Issued... issued) {
        return Arrays.stream(issued).map(Pki.Issued::certificate).collect(Collectors.toList());
    }

    static List<FindingCode> codes(ChainReport report) {
        return report.findings().stream().map(Finding::code).collect(Collectors.toList());
    }

    static String message(ChainReport report, FindingCode code) {
        return report.findings().stream()
                .filter(f -> f.code() == code)
                .map(Finding::message)
                .findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + codes(report)));
    }

    @Test
    void completeChainToATrustedRootIsClean() {
        ChainReport report = analyze(privateRoots(ROOT), LEAF, INTERMEDIATE);

        assertThat(report.findings()).isEmpty();
        assertThat(report.verified()).isTrue();
        assertThat(report.hostnameMatch()).isTrue();
        assertThat(report.valid()).isTrue();
        assertThat(report.path()).containsExactlyElementsOf(certs(LEAF, INTERMEDIATE, ROOT));
        assertThat(report.presented()).containsExactlyElementsOf(certs(LEAF, INTERMEDIATE));
    }

    @Test
    void emptyChainIsRejected() {
        AnalysisContext ctx = new AnalysisContext(NAME, NAME, privateRoots(ROOT));

        assertThatThrownBy(() -> analyzer.analyze(List.of(), ctx))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no certificate");
    }

    @Test
    void findingsComeInFindingCodeOrder() {
        Pki.Issued selfSigned =
                Pki.leaf("other.example.test")
                        .validFrom(NOW.minus(days(100)))
                        .validFor(days(90))
                        .issue();

        ChainReport report = analyze(privateRoots(ROOT), selfSigned);

        assertThat(codes(report))
                .containsExactly(
                        FindingCode.EXPIRED,
                        FindingCode.HOSTNAME_MISMATCH,
                        FindingCode.SELF_SIGNED);
    }

    @Nested
    class Expired {

        @Test
        void expiredLeafWithAnOtherwiseGoodPathIsExpiredNotUntrusted() {
            Pki.Issued old =
                    Pki.leaf(NAME)
                            .issuedBy(INTERMEDIATE)
                            .validFrom(NOW.minus(days(100)))
                            .validFor(days(90))
                            .issue();

            ChainReport report = analyze(privateRoots(ROOT), old, INTERMEDIATE);

            assertThat(codes(report)).containsExactly(FindingCode.EXPIRED);
            assertThat(message(report, FindingCode.EXPIRED))
                    .isEqualTo("leaf CN=www.example.test expired at 2026-05-22T00:00:00Z");
            assertThat(report.verified()).isTrue();
            assertThat(report.valid()).isFalse();
        }

        @Test
        void leafIsStillValidAtTheSecondOfItsNotAfter() {
            Pki.Issued last =
                    Pki.leaf(NAME)
                            .issuedBy(INTERMEDIATE)
                            .validBetween(NOW.minus(days(90)), NOW)
                            .issue();

            ChainReport report = analyze(privateRoots(ROOT), last, INTERMEDIATE);

            assertThat(codes(report)).doesNotContain(FindingCode.EXPIRED);
        }

        @Test
        void expiredIntermediateIsNamedAsOne() {
            Pki.Issued expired =
                    Pki.intermediate("Old Intermediate", ROOT)
                            .validBetween(NOW.minus(days(400)), NOW.minus(days(1)))
                            .issue();
            Pki.Issued leaf = leaf(NAME, expired).validFrom(NOW.minus(days(100))).issue();

            ChainReport report = analyze(privateRoots(ROOT), leaf, expired);

            assertThat(codes(report)).contains(FindingCode.EXPIRED);
            assertThat(message(report, FindingCode.EXPIRED))
                    .isEqualTo(
                            "leaf CN=www.example.test expired at 2026-05-22T00:00:00Z; intermediate"
                                    + " CN=Old Intermediate expired at 2026-05-31T00:00:00Z");
        }
    }

    @Nested
    class NotYetValid {

        @Test
        void leafIssuedForTomorrowIsNotYetValid() {
            Pki.Issued early = leaf(NAME, INTERMEDIATE).validFrom(NOW.plus(days(1))).issue();

            ChainReport report = analyze(privateRoots(ROOT), early, INTERMEDIATE);

            assertThat(codes(report)).containsExactly(FindingCode.NOT_YET_VALID);
            assertThat(message(report, FindingCode.NOT_YET_VALID))
                    .isEqualTo(
                            "leaf CN=www.example.test is not valid before"
                                    + " 2026-06-02T00:00:00Z");
            assertThat(report.verified()).isTrue();
        }

        @Test
        void leafIsValidFromTheSecondOfItsNotBefore() {
            Pki.Issued fresh = leaf(NAME, INTERMEDIATE).validFrom(NOW).issue();

            ChainReport report = analyze(privateRoots(ROOT), fresh, INTERMEDIATE);

            assertThat(report.findings()).isEmpty();
        }
    }

    @Nested
    class HostnameMismatch {

        @Test
        void leafForAnotherNameIsAMismatchThatSaysWhatItCovers() {
            Pki.Issued other = leaf("other.example.test", INTERMEDIATE).issue();

            ChainReport report = analyze(privateRoots(ROOT), other, INTERMEDIATE);

            assertThat(codes(report)).containsExactly(FindingCode.HOSTNAME_MISMATCH);
            assertThat(report.hostnameMatch()).isFalse();
            assertThat(message(report, FindingCode.HOSTNAME_MISMATCH))
                    .isEqualTo(
                            "leaf CN=other.example.test is not valid for www.example.test: "
                                    + "it covers DNS:other.example.test");
        }

        @Test
        void commonNameBesideASanListWithoutTheNameIsAMismatch() {
            Pki.Issued cn = leaf(NAME, INTERMEDIATE).dnsNames("api.example.test").issue();

            ChainReport report = analyze(privateRoots(ROOT), cn, INTERMEDIATE);

            assertThat(codes(report)).containsExactly(FindingCode.HOSTNAME_MISMATCH);
        }

        @Test
        void commonNameOnlyLeafIsAMismatch() {
            Pki.Issued cnOnly = leaf(NAME, INTERMEDIATE).noSubjectAltName().issue();

            ChainReport report = analyze(privateRoots(ROOT), cnOnly, INTERMEDIATE);

            assertThat(codes(report)).containsExactly(FindingCode.HOSTNAME_MISMATCH);
            assertThat(message(report, FindingCode.HOSTNAME_MISMATCH))
                    .contains("no subjectAltName");
        }

        @Test
        void internationalizedNameIsCheckedInItsALabelForm() {
            Pki.Issued idn = leaf("xn--r8jz45g.jp", INTERMEDIATE).issue();
            AnalysisContext ctx =
                    new AnalysisContext("例え.jp", "xn--r8jz45g.jp", privateRoots(ROOT));

            ChainReport report = analyzer.analyze(certs(idn, INTERMEDIATE), ctx);

            assertThat(report.hostnameMatch()).isTrue();
            assertThat(report.findings()).isEmpty();
        }

        @Test
        void emptyCheckedNameHasNothingToMismatch() {
            Pki.Issued other = leaf("other.example.test", INTERMEDIATE).issue();
            AnalysisContext ctx = new AnalysisContext("", "", privateRoots(ROOT));

            ChainReport report = analyzer.analyze(certs(other, INTERMEDIATE), ctx);

            assertThat(report.hostnameMatch()).isTrue();
            assertThat(report.findings()).isEmpty();
        }

        @Test
        void ipTargetMatchesItsIpSan() {
            Pki.Issued byIp = leaf("ip", INTERMEDIATE).dnsNames().ipAddresses("::1").issue();
            AnalysisContext ctx = new AnalysisContext("::1", "::1", privateRoots(ROOT));

            ChainReport report = analyzer.analyze(certs(byIp, INTERMEDIATE), ctx);

            assertThat(report.hostnameMatch()).isTrue();
        }
    }

    @Nested
    class SelfSigned {

        final Pki.Issued selfSigned =
                Pki.leaf(NAME).validFrom(NOW.minus(days(10))).validFor(days(90)).issue();

        @Test
        void selfSignedLeafIsSelfSignedAndNotAlsoUntrusted() {
            ChainReport report = analyze(privateRoots(ROOT), selfSigned);

            assertThat(codes(report)).containsExactly(FindingCode.SELF_SIGNED);
            assertThat(message(report, FindingCode.SELF_SIGNED))
                    .isEqualTo("leaf CN=www.example.test is self-signed and not a trust anchor");
            assertThat(report.verified()).isFalse();
            assertThat(report.path()).containsExactly(selfSigned.certificate());
        }

        @Test
        void selfSignedLeafThatIsItselfATrustAnchorIsTrusted() {
            ChainReport report = analyze(privateRoots(ROOT, selfSigned), selfSigned);

            assertThat(report.findings()).isEmpty();
            assertThat(report.verified()).isTrue();
        }
    }

    @Nested
    class Untrusted {

        @Test
        void chainToAnUnknownRootNamesTheUnknownIssuer() {
            Pki.Issued otherRoot = root("Other Root");

            ChainReport report = analyze(privateRoots(otherRoot), LEAF, INTERMEDIATE);

            assertThat(codes(report)).containsExactly(FindingCode.UNTRUSTED);
            assertThat(message(report, FindingCode.UNTRUSTED))
                    .isEqualTo(
                            "no acceptable path to a trust anchor: unknown issuer: no trust anchor"
                                    + " or known certificate for issuer CN=Test Root of CN=Test"
                                    + " Intermediate");
            assertThat(report.verified()).isFalse();
            assertThat(report.path()).containsExactlyElementsOf(certs(LEAF, INTERMEDIATE));
        }

        @Test
        void crossSignsSentInALoopAreShownOnceEach() {
            // Two CAs that cross-sign each other, one of them with two certificates: the chain
            // shown for an untrusted server used to walk A <- B <- A again, since the second
            // certificate of A is another certificate of the same CA (subject and key).
            Pki.Issued a = root("Loop A");
            Pki.Issued bByA = intermediate("Loop B", a);
            Pki.Issued aByB =
                    Pki.intermediate("Loop A", bByA)
                            .keyPair(a.keyPair())
                            .validFrom(NOW.minus(days(300)))
                            .validFor(days(1825))
                            .issue();
            Pki.Issued aByBAgain =
                    Pki.intermediate("Loop A", bByA)
                            .keyPair(a.keyPair())
                            .validFrom(NOW.minus(days(200)))
                            .validFor(days(1825))
                            .issue();
            Pki.Issued leaf = leaf(NAME, aByB).issue();

            ChainReport report =
                    analyze(privateRoots(root("Other Root")), leaf, aByB, bByA, aByBAgain);

            assertThat(report.verified()).isFalse();
            assertThat(report.path()).containsExactlyElementsOf(certs(leaf, aByB, bByA));
        }

        @Test
        void issuerThatIsNotACaBreaksBasicConstraints() {
            Pki.Issued notCa =
                    Pki.intermediate("Not A CA", ROOT)
                            .ca(false)
                            .validFrom(NOW.minus(days(300)))
                            .validFor(days(1825))
                            .issue();
            Pki.Issued leaf = leaf(NAME, notCa).issue();

            ChainReport report = analyze(privateRoots(ROOT), leaf, notCa);

            assertThat(codes(report)).containsExactly(FindingCode.UNTRUSTED);
            assertThat(message(report, FindingCode.UNTRUSTED))
                    .isEqualTo(
                            "no acceptable path to a trust anchor: basic constraints: CN=Not A CA"
                                + " issued CN=www.example.test but is not a CA (basicConstraints cA"
                                + " is false or absent)");
        }

        @Test
        void intermediateBelowARootWithPathLengthZeroBreaksPathLength() {
            Pki.Issued strictRoot =
                    Pki.root("Strict Root")
                            .pathLength(0)
                            .validFrom(NOW.minus(days(400)))
                            .validFor(days(3650))
                            .issue();
            Pki.Issued inter = intermediate("Inter", strictRoot);
            Pki.Issued leaf = leaf(NAME, inter).issue();

            ChainReport report = analyze(privateRoots(strictRoot), leaf, inter);

            assertThat(codes(report)).containsExactly(FindingCode.UNTRUSTED);
            assertThat(message(report, FindingCode.UNTRUSTED))
                    .isEqualTo(
                            "no acceptable path to a trust anchor: path length: CN=Inter exceeds"
                                    + " the pathLenConstraint 0 of CN=Strict Root");
        }

        @Test
        void intermediateWithinItsRootsPathLengthIsFine() {
            Pki.Issued root =
                    Pki.root("Root With Room")
                            .pathLength(1)
                            .validFrom(NOW.minus(days(400)))
                            .validFor(days(3650))
                            .issue();
            Pki.Issued inter = intermediate("Inter", root);
            Pki.Issued leaf = leaf(NAME, inter).issue();

            ChainReport report = analyze(privateRoots(root), leaf, inter);

            assertThat(report.findings()).isEmpty();
        }

        @Test
        void issuerWhoseKeyUsageLacksCertSignBreaksKeyUsage() {
            Pki.Issued noCertSign =
                    TestCerts.ca(
                            "No Cert Sign",
                            ROOT,
                            KeyUsage.digitalSignature | KeyUsage.cRLSign,
                            false,
                            NOW.minus(days(300)),
                            days(1825));
            Pki.Issued leaf = leaf(NAME, noCertSign).issue();

            ChainReport report = analyze(privateRoots(ROOT), leaf, noCertSign);

            assertThat(codes(report)).containsExactly(FindingCode.UNTRUSTED);
            assertThat(message(report, FindingCode.UNTRUSTED))
                    .isEqualTo(
                            "no acceptable path to a trust anchor: key usage: CN=No Cert Sign"
                                    + " issued CN=www.example.test but its keyUsage does not allow"
                                    + " keyCertSign");
        }

        @Test
        void issuerWhoseKeyUsageAllowsCertSignIsFine() {
            Pki.Issued certSign =
                    TestCerts.ca(
                            "Cert Sign",
                            ROOT,
                            KeyUsage.keyCertSign,
                            false,
                            NOW.minus(days(300)),
                            days(1825));
            Pki.Issued leaf = leaf(NAME, certSign).issue();

            ChainReport report = analyze(privateRoots(ROOT), leaf, certSign);

            assertThat(report.findings()).isEmpty();
        }

        @Test
        void leafWithABrokenSignatureBreaksSignature() {
            X509Certificate broken = TestCerts.tampered(LEAF.certificate());
            List<X509Certificate> presented = List.of(broken, INTERMEDIATE.certificate());

            ChainReport report =
                    analyzer.analyze(
                            presented, new AnalysisContext(NAME, NAME, privateRoots(ROOT)));

            assertThat(codes(report)).containsExactly(FindingCode.UNTRUSTED);
            assertThat(message(report, FindingCode.UNTRUSTED))
                    .isEqualTo(
                            "no acceptable path to a trust anchor: signature: the signature on"
                                    + " CN=www.example.test does not verify with the key of"
                                    + " CN=Test Intermediate");
        }

        @Test
        void unknownCriticalExtensionOnAnIssuerIsFatal() {
            Pki.Issued odd =
                    TestCerts.ca(
                            "Odd CA",
                            ROOT,
                            KeyUsage.keyCertSign,
                            true,
                            NOW.minus(days(300)),
                            days(1825));
            Pki.Issued leaf = leaf(NAME, odd).issue();

            ChainReport report = analyze(privateRoots(ROOT), leaf, odd);

            assertThat(codes(report)).containsExactly(FindingCode.UNTRUSTED);
            assertThat(message(report, FindingCode.UNTRUSTED))
                    .isEqualTo(
                            "no acceptable path to a trust anchor: critical extension: CN=Odd CA"
                                    + " has the unrecognised critical extension "
                                    + TestCerts.UNKNOWN_EXTENSION);
        }
    }

    @Nested
    class IncompleteChain {

        @Test
        void leafOnlyChainWhoseIntermediateIsKnownIsIncompleteButVerified() {
            TrustMaterial trust = TrustMaterial.fromCertificates(certs(ROOT, INTERMEDIATE), false);

            ChainReport report = analyze(trust, LEAF);

            assertThat(codes(report)).containsExactly(FindingCode.INCOMPLETE_CHAIN);
            assertThat(message(report, FindingCode.INCOMPLETE_CHAIN))
                    .isEqualTo(
                            "the server did not send CN=Test Intermediate; the path was completed"
                                    + " from the trust material");
            assertThat(report.verified()).isTrue();
            assertThat(report.path()).containsExactlyElementsOf(certs(LEAF, INTERMEDIATE, ROOT));
        }

        @Test
        void intermediateHeldAsAnAnchorStillHadToBeSent() {
            TrustMaterial trust =
                    new TrustMaterial(
                            List.of(new TrustMaterial.Anchor(INTERMEDIATE.certificate(), false)),
                            List.of());

            ChainReport report = analyze(trust, LEAF);

            assertThat(codes(report)).containsExactly(FindingCode.INCOMPLETE_CHAIN);
            assertThat(report.verified()).isTrue();
        }

        @Test
        void chainThatSendsTheKnownIntermediateIsComplete() {
            TrustMaterial trust = TrustMaterial.fromCertificates(certs(ROOT, INTERMEDIATE), false);

            ChainReport report = analyze(trust, LEAF, INTERMEDIATE);

            assertThat(report.findings()).isEmpty();
        }
    }

    @Nested
    class ChainOrder {

        @Test
        void rootSentBeforeTheIntermediateIsOutOfOrder() {
            ChainReport report = analyze(privateRoots(ROOT), LEAF, ROOT, INTERMEDIATE);

            assertThat(codes(report)).containsExactly(FindingCode.CHAIN_ORDER);
            assertThat(message(report, FindingCode.CHAIN_ORDER))
                    .isEqualTo(
                            "certificate 3 of 3 (CN=Test Intermediate) is out of order; the path is"
                                + " CN=www.example.test <- CN=Test Intermediate <- CN=Test Root");
            assertThat(report.valid()).isTrue();
            assertThat(report.path()).containsExactlyElementsOf(certs(LEAF, INTERMEDIATE, ROOT));
        }

        @Test
        void rootSentAfterTheIntermediateIsInOrder() {
            ChainReport report = analyze(privateRoots(ROOT), LEAF, INTERMEDIATE, ROOT);

            assertThat(report.findings()).isEmpty();
        }

        @Test
        void disorderIsNotReportedWhenNoPathValidates() {
            Pki.Issued otherRoot = root("Other Root");

            ChainReport report = analyze(privateRoots(otherRoot), LEAF, ROOT, INTERMEDIATE);

            assertThat(codes(report)).containsExactly(FindingCode.UNTRUSTED);
        }
    }

    @Nested
    class ExpiredExtraCert {

        final Pki.Issued oldRoot =
                Pki.root("Old Root")
                        .validBetween(NOW.minus(days(4000)), NOW.minus(days(60)))
                        .issue();
        final Pki.Issued newRoot = root("New Root");
        final Pki.Issued newInter = intermediate("New Intermediate", newRoot);
        final Pki.Issued newLeaf = leaf(NAME, newInter).issue();

        /** The new root's name and key, signed by the old root: what old clients chain to. */
        Pki.Issued crossSigned(Instant notAfter) {
            return Pki.intermediate("New Root", oldRoot)
                    .keyPair(newRoot.keyPair())
                    .validBetween(NOW.minus(days(1000)), notAfter)
                    .issue();
        }

        @Test
        void expiredCrossSignedRootAppendedToAValidChainIsAWarningOnly() {
            Pki.Issued cross = crossSigned(NOW.minus(days(30)));

            ChainReport report = analyze(privateRoots(newRoot, oldRoot), newLeaf, newInter, cross);

            assertThat(codes(report)).containsExactly(FindingCode.EXPIRED_EXTRA_CERT);
            assertThat(message(report, FindingCode.EXPIRED_EXTRA_CERT))
                    .isEqualTo(
                            "the server sent CN=New Root (expired at 2026-05-02T00:00:00Z), which"
                                    + " the path does not use");
            assertThat(report.valid()).isTrue();
            assertThat(report.verified()).isTrue();
            assertThat(report.path()).containsExactlyElementsOf(certs(newLeaf, newInter, newRoot));
            assertThat(report.chainNotAfter())
                    .isEqualTo(newLeaf.certificate().getNotAfter().toInstant())
                    .isNotEqualTo(cross.certificate().getNotAfter().toInstant());
        }

        @Test
        void unexpiredCrossSignedRootIsNoFinding() {
            Pki.Issued cross = crossSigned(NOW.plus(days(30)));

            ChainReport report = analyze(privateRoots(newRoot, oldRoot), newLeaf, newInter, cross);

            assertThat(report.findings()).isEmpty();
        }
    }

    @Nested
    class RenewalOverdue {

        /** A leaf with {@code lifetimeDays} of lifetime and {@code leftShare} of it left now. */
        Pki.Issued leafWithLeft(long lifetimeDays, double leftShare) {
            Duration lifetime = days(lifetimeDays);
            Duration left = Duration.ofSeconds(Math.round(lifetime.getSeconds() * leftShare));
            return Pki.leaf(NAME)
                    .issuedBy(INTERMEDIATE)
                    .validBetween(NOW.plus(left).minus(lifetime), NOW.plus(left))
                    .issue();
        }

        @ParameterizedTest(name = "{0}-day lifetime, {1} left: overdue {2}")
        @CsvSource({
            "90,  0.29,  false",
            "90,  0.25,  false",
            "90,  0.24,  true",
            "90,  0.01,  true",
            "100, 0.10,  true",
            "101, 0.10,  false",
            "398, 0.01,  false",
        })
        void overdueWhenLessThanAQuarterOfAShortLifetimeIsLeft(
                long lifetimeDays, double leftShare, boolean overdue) {
            Pki.Issued leaf = leafWithLeft(lifetimeDays, leftShare);

            ChainReport report = analyze(privateRoots(ROOT), leaf, INTERMEDIATE);

            assertThat(report.has(FindingCode.RENEWAL_OVERDUE)).isEqualTo(overdue);
            assertThat(report.valid()).isTrue();
        }

        @Test
        void messageSaysHowMuchIsLeftAndWhenRenewalWasDue() {
            Pki.Issued leaf = leafWithLeft(90, 0.1);

            ChainReport report = analyze(privateRoots(ROOT), leaf, INTERMEDIATE);

            assertThat(message(report, FindingCode.RENEWAL_OVERDUE))
                    .isEqualTo(
                            "leaf CN=www.example.test has 9.0 days left of a 90.0-day lifetime; it"
                                    + " should have been renewed before 2026-05-18T12:00:00Z");
        }

        @Test
        void expiredShortLivedLeafIsExpiredNotOverdue() {
            Pki.Issued leaf = leafWithLeft(90, -0.01);

            ChainReport report = analyze(privateRoots(ROOT), leaf, INTERMEDIATE);

            assertThat(codes(report)).containsExactly(FindingCode.EXPIRED);
        }
    }

    @Nested
    class LifetimeTooLong {

        @ParameterizedTest(name = "issued {0} for {1}, public {2}: flagged {3}")
        @CsvSource({
            "2026-03-01T00:00:00Z, P398D,     true,  false",
            "2026-03-01T00:00:00Z, P399D,     true,  true",
            "2026-03-01T00:00:00Z, P399D,     false, false",
            "2026-03-01T00:00:00Z, P398DT1S,  true,  true",
            "2026-03-14T23:59:59Z, P398D,     true,  false",
            "2026-03-15T00:00:00Z, P200D,     true,  false",
            "2026-03-15T00:00:00Z, P201D,     true,  true",
            "2027-03-14T23:59:59Z, P200D,     true,  false",
            "2027-03-15T00:00:00Z, P100D,     true,  false",
            "2027-03-15T00:00:00Z, P101D,     true,  true",
            "2029-03-14T23:59:59Z, P100D,     true,  false",
            "2029-03-15T00:00:00Z, P47D,      true,  false",
            "2029-03-15T00:00:00Z, P48D,      true,  true",
        })
        void flaggedBeyondTheCaBrowserForumLimitOnItsIssueDateForPublicRootsOnly(
                String notBefore, String lifetime, boolean publicRoot, boolean flagged) {
            Pki.Issued leaf =
                    Pki.leaf(NAME)
                            .issuedBy(INTERMEDIATE)
                            .validFrom(Instant.parse(notBefore))
                            .validFor(Duration.parse(lifetime))
                            .issue();
            TrustMaterial trust = publicRoot ? publicRoots(ROOT) : privateRoots(ROOT);

            ChainReport report = analyze(trust, leaf, INTERMEDIATE);

            assertThat(report.publicRoot()).isEqualTo(publicRoot);
            assertThat(report.has(FindingCode.LIFETIME_TOO_LONG)).isEqualTo(flagged);
        }

        @Test
        void messageNamesTheLimitAndTheIssueDate() {
            Pki.Issued leaf =
                    Pki.leaf(NAME)
                            .issuedBy(INTERMEDIATE)
                            .validFrom(Instant.parse("2026-03-01T00:00:00Z"))
                            .validFor(days(399))
                            .issue();

            ChainReport report = analyze(publicRoots(ROOT), leaf, INTERMEDIATE);

            assertThat(codes(report)).containsExactly(FindingCode.LIFETIME_TOO_LONG);
            assertThat(message(report, FindingCode.LIFETIME_TOO_LONG))
                    .isEqualTo(
                            "leaf CN=www.example.test is valid for 399.0 days; the CA/Browser Forum"
                                + " allows 398 days for certificates issued 2026-03-01T00:00:00Z");
        }
    }

    @Nested
    class ChainExpiry {

        @Test
        void intermediateThatExpiresBeforeTheLeafSetsTheChainExpiry() {
            Pki.Issued shortInter =
                    Pki.intermediate("Short Intermediate", ROOT)
                            .validBetween(NOW.minus(days(300)), NOW.plus(days(20)))
                            .issue();
            Pki.Issued leaf = leaf(NAME, shortInter).issue();

            ChainReport report = analyze(privateRoots(ROOT), leaf, shortInter);

            assertThat(report.chainNotAfter())
                    .isEqualTo(shortInter.certificate().getNotAfter().toInstant())
                    .isBefore(report.leafNotAfter());
        }

        @Test
        void trustAnchorCountsInTheChainExpiry() {
            Pki.Issued endingRoot =
                    Pki.root("Ending Root")
                            .validBetween(NOW.minus(days(3000)), NOW.plus(days(5)))
                            .issue();
            Pki.Issued inter = intermediate("Inter", endingRoot);
            Pki.Issued leaf = leaf(NAME, inter).issue();

            ChainReport report = analyze(privateRoots(endingRoot), leaf, inter);

            assertThat(report.chainNotAfter())
                    .isEqualTo(endingRoot.certificate().getNotAfter().toInstant());
        }

        @Test
        void untrustedChainExpiryIsMeasuredOnThePresentedIssuerChain() {
            Pki.Issued shortInter =
                    Pki.intermediate("Short Intermediate", ROOT)
                            .validBetween(NOW.minus(days(300)), NOW.plus(days(20)))
                            .issue();
            Pki.Issued leaf = leaf(NAME, shortInter).issue();
            Pki.Issued unrelated =
                    Pki.root("Unrelated")
                            .validBetween(NOW.minus(days(300)), NOW.plus(days(2)))
                            .issue();

            ChainReport report = analyze(privateRoots(root("Other")), leaf, shortInter, unrelated);

            assertThat(report.verified()).isFalse();
            assertThat(report.path()).containsExactlyElementsOf(certs(leaf, shortInter));
            assertThat(report.chainNotAfter())
                    .isEqualTo(shortInter.certificate().getNotAfter().toInstant());
        }
    }

    @Nested
    class PublicRoot {

        @Test
        void pathEndingInARootMarkedPublicIsPublic() {
            assertThat(analyze(publicRoots(ROOT), LEAF, INTERMEDIATE).publicRoot()).isTrue();
            assertThat(analyze(privateRoots(ROOT), LEAF, INTERMEDIATE).publicRoot()).isFalse();
        }
    }

    @Nested
    class PathChoice {

        final Pki.Issued currentInter = intermediate("Twin Intermediate", ROOT);
        final Pki.Issued expiredTwin =
                Pki.intermediate("Twin Intermediate", ROOT)
                        .keyPair(currentInter.keyPair())
                        .validBetween(NOW.minus(days(800)), NOW.minus(days(30)))
                        .issue();
        final Pki.Issued leaf = leaf(NAME, currentInter).issue();

        @Test
        void validPathIsPreferredOverOneThroughAnExpiredTwin() {
            ChainReport report = analyze(privateRoots(ROOT), leaf, expiredTwin, currentInter);

            assertThat(report.path()).containsExactlyElementsOf(certs(leaf, currentInter, ROOT));
            assertThat(codes(report)).doesNotContain(FindingCode.EXPIRED, FindingCode.UNTRUSTED);
            assertThat(codes(report)).contains(FindingCode.EXPIRED_EXTRA_CERT);
            assertThat(report.valid()).isTrue();
        }

        @Test
        void pathFailingOnDatesAloneIsChosenWhenNoValidOneExists() {
            ChainReport report = analyze(privateRoots(ROOT), leaf, expiredTwin);

            assertThat(report.path()).containsExactlyElementsOf(certs(leaf, expiredTwin, ROOT));
            assertThat(report.verified()).isTrue();
            assertThat(codes(report)).containsExactly(FindingCode.EXPIRED);
            assertThat(message(report, FindingCode.EXPIRED))
                    .isEqualTo(
                            "intermediate CN=Twin Intermediate expired at"
                                    + " 2026-05-02T00:00:00Z");
        }

        @Test
        void loopOfCrossSignsTerminatesAsUntrusted() {
            Pki.Issued a = root("Loop A");
            Pki.Issued b = root("Loop B");
            Pki.Issued aByB = Pki.intermediate("Loop A", b).keyPair(a.keyPair()).issue();
            Pki.Issued bByA = Pki.intermediate("Loop B", a).keyPair(b.keyPair()).issue();
            Pki.Issued leaf = leaf(NAME, a).issue();

            ChainReport report =
                    assertTimeoutPreemptively(
                            Duration.ofSeconds(10),
                            () -> analyze(privateRoots(ROOT), leaf, aByB, bByA));

            assertThat(codes(report)).contains(FindingCode.UNTRUSTED);
            assertThat(message(report, FindingCode.UNTRUSTED)).contains("unknown issuer");
        }

        @Test
        void meshOfMutualCrossSignsStaysWithinBounds() {
            List<Pki.Issued> cas = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                cas.add(root("Mesh " + i));
            }
            List<Pki.Issued> presented = new ArrayList<>();
            presented.add(leaf(NAME, cas.get(0)).issue());
            for (Pki.Issued subject : cas) {
                for (Pki.Issued issuer : cas) {
                    if (subject != issuer) {
                        presented.add(
                                Pki.intermediate(
                                                CertificateFacts.commonName(
                                                        subject.certificate()
                                                                .getSubjectX500Principal()
                                                                .getName()),
                                                issuer)
                                        .keyPair(subject.keyPair())
                                        .validFrom(NOW.minus(days(10)))
                                        .validFor(days(365))
                                        .issue());
                    }
                }
            }
            Pki.Issued[] chain = presented.toArray(new Pki.Issued[0]);

            ChainReport report =
                    assertTimeoutPreemptively(
                            Duration.ofSeconds(20), () -> analyze(privateRoots(ROOT), chain));

            assertThat(codes(report)).contains(FindingCode.UNTRUSTED);
        }

        @Test
        void meshWithAWayOutToAnAnchorStillFindsIt() {
            Pki.Issued a = root("Way A");
            Pki.Issued b = root("Way B");
            Pki.Issued aByB = Pki.intermediate("Way A", b).keyPair(a.keyPair()).issue();
            Pki.Issued bByA = Pki.intermediate("Way B", a).keyPair(b.keyPair()).issue();
            Pki.Issued aByRoot =
                    Pki.intermediate("Way A", ROOT)
                            .keyPair(a.keyPair())
                            .validFrom(NOW.minus(days(10)))
                            .validFor(days(365))
                            .issue();
            Pki.Issued leaf = leaf(NAME, a).issue();

            ChainReport report = analyze(privateRoots(ROOT), leaf, aByB, bByA, aByRoot);

            assertThat(report.verified()).isTrue();
            assertThat(report.path()).containsExactlyElementsOf(certs(leaf, aByRoot, ROOT));
        }
    }
}
