package io.certgauge.chain;

import static io.certgauge.demo.Pki.days;
import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.chain.RevocationPki.CrlNumber;
import io.certgauge.chain.RevocationPki.Revoked;
import io.certgauge.demo.Pki;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * CRLs handed to the Analyzer with the chain ({@link AnalysisContext#withCrls}), and the cRLNumber
 * rule of RFC 5280 section 5.2.3, which fetched CRLs must follow too. Fetches go to an in-memory
 * fetcher that records what was asked; nothing leaves the JVM.
 */
class SuppliedCrlTest {

    static final Instant NOW = AnalyzerTest.NOW;
    static final String NAME = AnalyzerTest.NAME;
    static final Instant REVOKED_AT = Instant.parse("2026-05-20T08:30:00Z");
    static final String CRL_URL = "http://127.0.0.1:9/ca.crl";

    static final Pki.Issued ROOT = AnalyzerTest.root("Supplied CRL Root");
    static final Pki.Issued CA = AnalyzerTest.intermediate("Supplied CRL CA", ROOT);
    static final Pki.Issued OTHER_CA = AnalyzerTest.intermediate("Other CRL CA", ROOT);

    /** Serves fixed bodies by URL and records every request. */
    static final class MapFetcher implements Fetcher {
        final Map<String, byte[]> bodies;
        final List<URI> asked = new ArrayList<>();

        MapFetcher(Map<String, byte[]> bodies) {
            this.bodies = bodies;
        }

        @Override
        public synchronized byte[] get(URI uri, Kind kind, Instant deadline, Expiry expiry)
                throws FetchException {
            asked.add(uri);
            byte[] body = bodies.get(uri.toString());
            if (body == null) {
                throw new FetchException("HTTP 404");
            }
            return body;
        }

        @Override
        public synchronized byte[] post(
                URI uri,
                Kind kind,
                String contentType,
                byte[] body,
                Instant deadline,
                Expiry expiry)
                throws FetchException {
            asked.add(uri);
            throw new FetchException("HTTP 404");
        }
    }

    static Pki.Issued leaf(Pki.Issued issuer) {
        return RevocationPki.leaf(NAME, issuer, NOW.minus(days(10)), RevocationPki.names());
    }

    static Pki.Issued leafNamingCrl(Pki.Issued issuer) {
        return RevocationPki.leaf(
                NAME, issuer, NOW.minus(days(10)), RevocationPki.names().crl(CRL_URL));
    }

    static X509CRL x509(byte[] der) {
        try {
            return (X509CRL)
                    CertificateFactory.getInstance("X.509")
                            .generateCRL(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test CRL", e);
        }
    }

    /** A current CRL by {@code signer} that lists {@code listed}. */
    static byte[] crlListing(Pki.Issued signer, CrlNumber number, BigInteger... listed) {
        Revoked[] entries = new Revoked[listed.length];
        for (int i = 0; i < listed.length; i++) {
            entries[i] = new Revoked(listed[i], REVOKED_AT, CRLReason.keyCompromise);
        }
        return RevocationPki.crl(signer, number, NOW.minus(days(1)), NOW.plus(days(6)), entries);
    }

    static byte[] crlListing(Pki.Issued signer, BigInteger... listed) {
        return crlListing(signer, CrlNumber.NON_CRITICAL, listed);
    }

    static BigInteger serial(Pki.Issued cert) {
        return cert.certificate().getSerialNumber();
    }

    static ChainReport analyze(
            Fetcher fetcher,
            Pki.Issued leaf,
            Pki.Issued issuer,
            boolean revocation,
            byte[]... crls) {
        List<X509CRL> supplied = new ArrayList<>();
        for (byte[] der : crls) {
            supplied.add(x509(der));
        }
        AnalysisContext ctx =
                new AnalysisContext(
                                NAME,
                                NAME,
                                AnalyzerTest.privateRoots(ROOT),
                                "TLSv1.3",
                                null,
                                revocation,
                                Instant.now().plusSeconds(5))
                        .withCrls(supplied);
        Analyzer analyzer = new Analyzer(Clock.fixed(NOW, ZoneOffset.UTC), fetcher);
        return analyzer.analyze(AnalyzerTest.certs(leaf, issuer), ctx);
    }

    static ChainReport analyzeOffline(Pki.Issued leaf, Pki.Issued issuer, byte[]... crls) {
        return analyze(Fetcher.NONE, leaf, issuer, false, crls);
    }

    static List<String> answers(ChainReport report) {
        return RevocationCheckTest.answers(report);
    }

    @Nested
    class Supplied {

        @Test
        void crlListingTheLeafMakesItRevokedWithReasonAndDate() {
            Pki.Issued leaf = leaf(CA);

            ChainReport report = analyzeOffline(leaf, CA, crlListing(CA, serial(leaf)));

            assertThat(AnalyzerTest.codes(report)).containsExactly(FindingCode.REVOKED);
            assertThat(AnalyzerTest.message(report, FindingCode.REVOKED))
                    .contains("was revoked at 2026-05-20T08:30:00Z")
                    .contains("reason keyCompromise")
                    .contains("according to the CRL supplied with the chain");
            assertThat(report.revocation())
                    .singleElement()
                    .satisfies(a -> assertThat(a.url()).isNull());
        }

        @Test
        void crlNotListingTheLeafIsAGoodAnswer() {
            Pki.Issued leaf = leaf(CA);

            ChainReport report =
                    analyzeOffline(leaf, CA, crlListing(CA, serial(leaf).add(BigInteger.ONE)));

            assertThat(AnalyzerTest.codes(report)).isEmpty();
            assertThat(answers(report)).containsExactly("crl:good");
        }

        @Test
        void crlOfAnotherIssuerIsIgnoredEvenWhenItListsTheSerial() {
            Pki.Issued leaf = leaf(CA);

            ChainReport report = analyzeOffline(leaf, CA, crlListing(OTHER_CA, serial(leaf)));

            assertThat(AnalyzerTest.codes(report)).isEmpty();
            assertThat(report.revocation()).isEmpty();
        }

        @Test
        void crlOfTheIssuerIsFoundAmongOthers() {
            Pki.Issued leaf = leaf(CA);

            ChainReport report =
                    analyzeOffline(
                            leaf,
                            CA,
                            crlListing(OTHER_CA, serial(leaf)),
                            crlListing(CA, BigInteger.TEN));

            assertThat(AnalyzerTest.codes(report)).isEmpty();
            assertThat(answers(report)).containsExactly("crl:good");
        }

        @Test
        void revokedAnswerWinsOverAGoodOneFromAnotherSuppliedCrl() {
            Pki.Issued leaf = leaf(CA);

            ChainReport report =
                    analyzeOffline(
                            leaf, CA, crlListing(CA, BigInteger.TEN), crlListing(CA, serial(leaf)));

            assertThat(AnalyzerTest.codes(report)).containsExactly(FindingCode.REVOKED);
            assertThat(answers(report)).containsExactly("crl:good", "crl:revoked");
        }

        @Test
        void goodSuppliedAnswerMeansNothingIsFetched() {
            Pki.Issued leaf = leafNamingCrl(CA);
            MapFetcher fetcher = new MapFetcher(Map.of(CRL_URL, crlListing(CA, serial(leaf))));

            ChainReport report = analyze(fetcher, leaf, CA, true, crlListing(CA));

            assertThat(AnalyzerTest.codes(report)).isEmpty();
            assertThat(answers(report)).containsExactly("crl:good");
            assertThat(fetcher.asked).isEmpty();
        }

        @Test
        void unusableSuppliedCrlLeavesTheDistributionPointToAnswer() {
            Pki.Issued leaf = leafNamingCrl(CA);
            MapFetcher fetcher = new MapFetcher(Map.of(CRL_URL, crlListing(CA, serial(leaf))));

            ChainReport report =
                    analyze(fetcher, leaf, CA, true, crlListing(CA, CrlNumber.MISSING));

            assertThat(AnalyzerTest.codes(report)).containsExactly(FindingCode.REVOKED);
            assertThat(answers(report)).containsExactly("crl:unknown", "crl:revoked");
            assertThat(fetcher.asked).containsExactly(URI.create(CRL_URL));
        }

        @Test
        void withRevocationOffTheSuppliedCrlIsReadAndNothingIsFetched() {
            Pki.Issued leaf = leafNamingCrl(CA);
            MapFetcher fetcher = new MapFetcher(Map.of());

            ChainReport report = analyze(fetcher, leaf, CA, false, crlListing(CA, serial(leaf)));

            assertThat(AnalyzerTest.codes(report)).containsExactly(FindingCode.REVOKED);
            assertThat(fetcher.asked).isEmpty();
        }
    }

    @Nested
    class Unusable {

        @Test
        void crlWithoutCrlNumberGivesRevocationUnknown() {
            Pki.Issued leaf = leaf(CA);

            ChainReport report =
                    analyzeOffline(leaf, CA, crlListing(CA, CrlNumber.MISSING, serial(leaf)));

            assertThat(AnalyzerTest.codes(report)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
            assertThat(AnalyzerTest.message(report, FindingCode.REVOCATION_UNKNOWN))
                    .contains("the CRL supplied with the chain: the CRL has no cRLNumber")
                    .contains("RFC 5280 section 5.2.3");
        }

        @Test
        void crlWithCriticalCrlNumberGivesRevocationUnknown() {
            Pki.Issued leaf = leaf(CA);

            ChainReport report =
                    analyzeOffline(leaf, CA, crlListing(CA, CrlNumber.CRITICAL, serial(leaf)));

            assertThat(AnalyzerTest.codes(report)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
            assertThat(AnalyzerTest.message(report, FindingCode.REVOCATION_UNKNOWN))
                    .contains("the CRL marks its cRLNumber critical");
        }

        @Test
        void crlOfAnIssuerWhoseKeyUsageLacksCrlSignGivesRevocationUnknown() {
            Pki.Issued certOnlyCa =
                    TestCerts.ca(
                            "Cert-only CA",
                            ROOT,
                            KeyUsage.keyCertSign,
                            false,
                            NOW.minus(days(300)),
                            Duration.ofDays(1825));
            Pki.Issued leaf = leaf(certOnlyCa);

            ChainReport report =
                    analyzeOffline(leaf, certOnlyCa, crlListing(certOnlyCa, serial(leaf)));

            assertThat(AnalyzerTest.codes(report)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
            assertThat(AnalyzerTest.message(report, FindingCode.REVOCATION_UNKNOWN))
                    .contains("may not sign CRLs: its key usage lacks cRLSign");
        }

        @Test
        void crlUnderTheIssuerNameButSignedByAnotherKeyGivesRevocationUnknown() {
            Pki.Issued impostor =
                    Pki.intermediate("Supplied CRL CA", ROOT)
                            .validFrom(NOW.minus(days(300)))
                            .validFor(days(1825))
                            .issue();
            Pki.Issued leaf = leaf(CA);

            ChainReport report = analyzeOffline(leaf, CA, crlListing(impostor, serial(leaf)));

            assertThat(AnalyzerTest.codes(report)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
            assertThat(AnalyzerTest.message(report, FindingCode.REVOCATION_UNKNOWN))
                    .contains("signature does not verify");
        }

        @Test
        void expiredCrlGivesRevocationUnknown() {
            Pki.Issued leaf = leaf(CA);
            byte[] expired =
                    RevocationPki.crl(
                            CA,
                            NOW.minus(days(10)),
                            NOW.minus(days(3)),
                            new Revoked(serial(leaf), REVOKED_AT, CRLReason.keyCompromise));

            ChainReport report = analyzeOffline(leaf, CA, expired);

            assertThat(AnalyzerTest.codes(report)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
            assertThat(AnalyzerTest.message(report, FindingCode.REVOCATION_UNKNOWN))
                    .contains("the CRL expired");
        }

        @Test
        void fetchedCrlWithoutCrlNumberIsNotUsableEither() {
            Pki.Issued leaf = leafNamingCrl(CA);
            MapFetcher fetcher =
                    new MapFetcher(
                            Map.of(CRL_URL, crlListing(CA, CrlNumber.MISSING, serial(leaf))));

            ChainReport report = analyze(fetcher, leaf, CA, true);

            assertThat(AnalyzerTest.codes(report)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
            assertThat(AnalyzerTest.message(report, FindingCode.REVOCATION_UNKNOWN))
                    .contains("the CRL at " + CRL_URL + ": the CRL has no cRLNumber");
        }

        @Test
        void fetchedCrlWithCriticalCrlNumberIsNotUsableEither() {
            Pki.Issued leaf = leafNamingCrl(CA);
            MapFetcher fetcher =
                    new MapFetcher(Map.of(CRL_URL, crlListing(CA, CrlNumber.CRITICAL)));

            ChainReport report = analyze(fetcher, leaf, CA, true);

            assertThat(AnalyzerTest.codes(report)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
            assertThat(answers(report)).containsExactly("crl:unknown");
        }
    }

    @Nested
    class Context {

        @Test
        void withCrlsKeepsEveryOtherField() {
            AnalysisContext plain =
                    new AnalysisContext(
                            NAME,
                            NAME,
                            AnalyzerTest.privateRoots(ROOT),
                            "TLSv1.2",
                            null,
                            true,
                            NOW);
            X509CRL crl = x509(crlListing(CA));

            AnalysisContext withCrl = plain.withCrls(List.of(crl));

            assertThat(plain.crls()).isEmpty();
            assertThat(withCrl.crls()).containsExactly(crl);
            assertThat(withCrl.withCrls(List.of())).isEqualTo(plain);
        }

        @Test
        void nullCrlListMeansNone() {
            AnalysisContext ctx =
                    new AnalysisContext(NAME, NAME, AnalyzerTest.privateRoots(ROOT)).withCrls(null);

            assertThat(ctx.crls()).isEmpty();
        }
    }
}
