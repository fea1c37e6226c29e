package io.certgauge.chain;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.certgauge.demo.Pki.days;
import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.chain.RevocationAnswer.Source;
import io.certgauge.chain.RevocationAnswer.Status;
import io.certgauge.demo.Pki;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Analyzer's revocation checks against WireMock responders on 127.0.0.1 that serve OCSP
 * responses and CRLs signed in the test, with the real HTTP fetcher and cache in between.
 */
class RevocationCheckTest extends ResponderFixture {

    static final Instant NOW = AnalyzerTest.NOW;
    static final String NAME = AnalyzerTest.NAME;
    static final Instant REVOKED_AT = Instant.parse("2026-05-20T08:30:00Z");

    static final Pki.Issued ROOT = AnalyzerTest.root("Revocation Root");
    static final Pki.Issued CA = AnalyzerTest.intermediate("Revocation CA", ROOT);
    static final Pki.Issued OTHER_CA = AnalyzerTest.intermediate("Other CA", ROOT);

    static Pki.Issued leaf(RevocationPki.LeafSpec spec) {
        return RevocationPki.leaf(NAME, CA, NOW.minus(days(10)), spec);
    }

    ChainReport analyze(Pki.Issued leaf, byte[] staple, boolean revocation) {
        return analyze(analyzer, leaf, staple, revocation, Instant.now().plusSeconds(5));
    }

    static ChainReport analyze(
            Analyzer analyzer,
            Pki.Issued leaf,
            byte[] staple,
            boolean revocation,
            Instant deadline) {
        AnalysisContext ctx =
                new AnalysisContext(
                        NAME,
                        NAME,
                        AnalyzerTest.privateRoots(ROOT),
                        "TLSv1.3",
                        staple,
                        revocation,
                        deadline);
        return analyzer.analyze(AnalyzerTest.certs(leaf, CA), ctx);
    }

    void serveOcsp(byte[] body) {
        server.stubFor(
                post(urlEqualTo("/ocsp"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "application/ocsp-response")
                                        .withBody(body)));
    }

    void serveCrl(byte[] body) {
        server.stubFor(
                get(urlEqualTo("/ca.crl"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "application/pkix-crl")
                                        .withBody(body)));
    }

    static List<String> answers(ChainReport report) {
        return report.revocation().stream()
                .map(a -> a.source().label() + ":" + a.status().label())
                .collect(Collectors.toList());
    }

    static List<FindingCode> codes(ChainReport report) {
        return AnalyzerTest.codes(report);
    }

    static String message(ChainReport report, FindingCode code) {
        return AnalyzerTest.message(report, code);
    }

    @Nested
    class Ocsp {

        @Test
        void goodAnswerFromTheResponderGivesNoFinding() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")));
            serveOcsp(RevocationPki.ocsp(leaf, CA, NOW).encode());

            ChainReport report = analyze(leaf, null, true);

            assertThat(codes(report)).isEmpty();
            assertThat(answers(report)).containsExactly("ocsp:good");
            server.verify(
                    1,
                    postRequestedFor(urlEqualTo("/ocsp"))
                            .withHeader("Content-Type", equalTo("application/ocsp-request")));
        }

        @Test
        void revokedAnswerIsReportedWithReasonAndDate() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")));
            serveOcsp(
                    RevocationPki.ocsp(leaf, CA, NOW)
                            .revoked(REVOKED_AT, CRLReason.keyCompromise)
                            .encode());

            ChainReport report = analyze(leaf, null, true);

            assertThat(codes(report)).containsExactly(FindingCode.REVOKED);
            assertThat(report.valid()).isFalse();
            assertThat(message(report, FindingCode.REVOKED))
                    .contains("was revoked at 2026-05-20T08:30:00Z")
                    .contains("reason keyCompromise")
                    .contains("the OCSP responder at " + url("/ocsp"));
            assertThat(answers(report)).containsExactly("ocsp:revoked");
        }

        @Test
        void unknownAnswerIsRevocationUnknown() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")));
            serveOcsp(RevocationPki.ocsp(leaf, CA, NOW).unknown().encode());

            ChainReport report = analyze(leaf, null, true);

            assertThat(codes(report)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
            assertThat(message(report, FindingCode.REVOCATION_UNKNOWN))
                    .contains("the responder does not know this certificate");
            assertThat(answers(report)).containsExactly("ocsp:unknown");
        }

        @Test
        void expiredResponseIsNotAUsableAnswer() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")));
            serveOcsp(
                    RevocationPki.ocsp(leaf, CA, NOW)
                            .between(NOW.minus(Duration.ofDays(8)), NOW.minus(Duration.ofDays(1)))
                            .encode());

            ChainReport report = analyze(leaf, null, true);

            assertThat(codes(report)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
            assertThat(message(report, FindingCode.REVOCATION_UNKNOWN))
                    .contains("the OCSP response expired: nextUpdate was 2026-05-31T00:00:00Z");
        }

        @Test
        void responseFromAnotherCaIsNotAUsableAnswer() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")));
            serveOcsp(RevocationPki.ocsp(leaf, CA, NOW).signedBy(OTHER_CA, true).encode());

            ChainReport report = analyze(leaf, null, true);

            assertThat(codes(report)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
            assertThat(message(report, FindingCode.REVOCATION_UNKNOWN))
                    .contains("not signed by the issuer CN=Revocation CA nor by a responder");
        }

        @Test
        void delegatedResponderWithOcspSigningIsAccepted() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")));
            Pki.Issued responder = RevocationPki.responder("CA OCSP", CA, NOW.minus(days(1)), true);
            serveOcsp(RevocationPki.ocsp(leaf, CA, NOW).signedBy(responder, true).encode());

            ChainReport report = analyze(leaf, null, true);

            assertThat(codes(report)).isEmpty();
            assertThat(answers(report)).containsExactly("ocsp:good");
        }

        @Test
        void delegatedResponderWithoutOcspSigningIsRefused() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")));
            Pki.Issued responder =
                    RevocationPki.responder("CA OCSP", CA, NOW.minus(days(1)), false);
            serveOcsp(RevocationPki.ocsp(leaf, CA, NOW).signedBy(responder, true).encode());

            ChainReport report = analyze(leaf, null, true);

            assertThat(codes(report)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
        }

        @Test
        void responderThatRefusesConnectionsIsRevocationUnknown() throws IOException {
            int closed;
            try (ServerSocket socket =
                    new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closed = socket.getLocalPort();
            }
            String down = "http://127.0.0.1:" + closed + "/ocsp";
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(down));

            ChainReport report = analyze(leaf, null, true);

            assertThat(codes(report)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
            assertThat(message(report, FindingCode.REVOCATION_UNKNOWN))
                    .contains(down + ": connection refused");
        }

        @Test
        void responderSlowerThanTheDeadlineIsRevocationUnknownInTime() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")));
            server.stubFor(
                    post(urlEqualTo("/ocsp"))
                            .willReturn(
                                    aResponse()
                                            .withBody(RevocationPki.ocsp(leaf, CA, NOW).encode())
                                            .withFixedDelay(4000)));
            Instant started = Instant.now();

            ChainReport report = analyze(analyzer, leaf, null, true, started.plusMillis(700));

            assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(3));
            assertThat(codes(report)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
            assertThat(message(report, FindingCode.REVOCATION_UNKNOWN))
                    .contains("gave no answer within the deadline");
        }

        @Test
        void responderErrorStatusIsNotAUsableAnswer() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")));
            serveOcsp(RevocationPki.ocspError(3));

            ChainReport report = analyze(leaf, null, true);

            assertThat(message(report, FindingCode.REVOCATION_UNKNOWN))
                    .contains("the responder answered tryLater");
        }
    }

    @Nested
    class Staple {

        @Test
        void goodStapleIsUsedWithoutAnyFetch() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")).crl(url("/ca.crl")));
            byte[] staple = RevocationPki.ocsp(leaf, CA, NOW).encode();

            ChainReport report = analyze(leaf, staple, true);

            assertThat(codes(report)).isEmpty();
            assertThat(answers(report)).containsExactly("staple:good");
            assertThat(report.stapleNextUpdate()).isEqualTo(NOW.plus(Duration.ofDays(3)));
            server.verify(0, anyRequestedFor(anyUrl()));
        }

        @Test
        void revokedStapleIsReportedEvenWithRevocationOff() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")));
            byte[] staple =
                    RevocationPki.ocsp(leaf, CA, NOW)
                            .revoked(REVOKED_AT, CRLReason.superseded)
                            .encode();

            ChainReport report = analyze(leaf, staple, false);

            assertThat(codes(report)).containsExactly(FindingCode.REVOKED);
            assertThat(message(report, FindingCode.REVOKED))
                    .contains("reason superseded")
                    .contains("according to the stapled OCSP response");
            server.verify(0, anyRequestedFor(anyUrl()));
        }

        @Test
        void expiredStapleFallsBackToTheResponder() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")));
            byte[] staple =
                    RevocationPki.ocsp(leaf, CA, NOW)
                            .between(NOW.minus(days(9)), NOW.minus(days(2)))
                            .encode();
            serveOcsp(RevocationPki.ocsp(leaf, CA, NOW).encode());

            ChainReport report = analyze(leaf, staple, true);

            assertThat(codes(report)).isEmpty();
            assertThat(answers(report)).containsExactly("staple:unknown", "ocsp:good");
            assertThat(report.stapleNextUpdate()).isEqualTo(NOW.minus(days(2)));
        }

        @Test
        void mustStapleLeafWithoutStapleIsMustStapleMissing() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")).mustStaple());
            serveOcsp(RevocationPki.ocsp(leaf, CA, NOW).encode());

            ChainReport report = analyze(leaf, null, true);

            assertThat(codes(report)).containsExactly(FindingCode.MUST_STAPLE_MISSING);
            assertThat(message(report, FindingCode.MUST_STAPLE_MISSING))
                    .contains("requires OCSP stapling")
                    .contains("stapled no response");
        }

        @Test
        void mustStapleLeafWithStapleHasNoFinding() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")).mustStaple());
            byte[] staple = RevocationPki.ocsp(leaf, CA, NOW).encode();

            ChainReport report = analyze(leaf, staple, true);

            assertThat(codes(report)).isEmpty();
        }
    }

    @Nested
    class Crl {

        @Test
        void unlistedSerialIsGood() {
            Pki.Issued leaf = leaf(RevocationPki.names().crl(url("/ca.crl")));
            serveCrl(
                    RevocationPki.crl(
                            CA,
                            NOW.minus(days(1)),
                            NOW.plus(days(6)),
                            new RevocationPki.Revoked(
                                    java.math.BigInteger.valueOf(42),
                                    REVOKED_AT,
                                    CRLReason.keyCompromise)));

            ChainReport report = analyze(leaf, null, true);

            assertThat(codes(report)).isEmpty();
            assertThat(answers(report)).containsExactly("crl:good");
        }

        @Test
        void listedSerialIsRevokedWithReasonAndDate() {
            Pki.Issued leaf = leaf(RevocationPki.names().crl(url("/ca.crl")));
            serveCrl(
                    RevocationPki.crl(
                            CA,
                            NOW.minus(days(1)),
                            NOW.plus(days(6)),
                            new RevocationPki.Revoked(
                                    leaf.certificate().getSerialNumber(),
                                    REVOKED_AT,
                                    CRLReason.cessationOfOperation)));

            ChainReport report = analyze(leaf, null, true);

            assertThat(codes(report)).containsExactly(FindingCode.REVOKED);
            assertThat(message(report, FindingCode.REVOKED))
                    .contains("was revoked at 2026-05-20T08:30:00Z")
                    .contains("reason cessationOfOperation")
                    .contains("the CRL at " + url("/ca.crl"));
        }

        @Test
        void crlIsCachedUntilItsNextUpdate() {
            Pki.Issued leaf = leaf(RevocationPki.names().crl(url("/ca.crl")));
            serveCrl(RevocationPki.crl(CA, NOW.minus(days(1)), NOW.plus(days(6))));

            analyze(leaf, null, true);
            ChainReport second = analyze(leaf, null, true);

            assertThat(answers(second)).containsExactly("crl:good");
            server.verify(1, getRequestedFor(urlEqualTo("/ca.crl")));
        }

        @Test
        void crlSignedByAnotherCaIsNotCachedAndNotUsable() {
            Pki.Issued leaf = leaf(RevocationPki.names().crl(url("/ca.crl")));
            serveCrl(RevocationPki.crl(OTHER_CA, NOW.minus(days(1)), NOW.plus(days(6))));

            analyze(leaf, null, true);
            ChainReport second = analyze(leaf, null, true);

            assertThat(codes(second)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
            assertThat(message(second, FindingCode.REVOCATION_UNKNOWN))
                    .contains("the CRL is issued by CN=Other CA, not by CN=Revocation CA");
            server.verify(2, getRequestedFor(urlEqualTo("/ca.crl")));
        }

        @Test
        void crlOverTheSizeCapIsRefused() {
            Pki.Issued leaf = leaf(RevocationPki.names().crl(url("/ca.crl")));
            serveCrl(new byte[(int) Fetcher.Kind.CRL.maxBytes() + 1]);

            ChainReport report = analyze(leaf, null, true);

            assertThat(codes(report)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
            assertThat(message(report, FindingCode.REVOCATION_UNKNOWN))
                    .contains("more than the crl size cap of 20971520 bytes");
        }

        @Test
        void crlAnswersWhenTheResponderIsDown() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")).crl(url("/ca.crl")));
            server.stubFor(post(urlEqualTo("/ocsp")).willReturn(aResponse().withStatus(503)));
            serveCrl(RevocationPki.crl(CA, NOW.minus(days(1)), NOW.plus(days(6))));

            ChainReport report = analyze(leaf, null, true);

            assertThat(codes(report)).isEmpty();
            assertThat(report.revocation())
                    .extracting(RevocationAnswer::source, RevocationAnswer::status)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Source.OCSP, Status.UNKNOWN),
                            org.assertj.core.groups.Tuple.tuple(Source.CRL, Status.GOOD));
            assertThat(report.revocation().get(0).detail()).contains("answered HTTP 503");
        }
    }

    @Nested
    class Switches {

        @Test
        void leafNamingNoResponderAndNoCrlGetsNoRevocationFinding() {
            Pki.Issued leaf = leaf(RevocationPki.names());

            ChainReport report = analyze(leaf, null, true);

            assertThat(codes(report)).isEmpty();
            assertThat(report.revocation()).isEmpty();
        }

        @Test
        void revocationOffFetchesNothingAndReportsNothing() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")).crl(url("/ca.crl")));
            serveOcsp(
                    RevocationPki.ocsp(leaf, CA, NOW)
                            .revoked(REVOKED_AT, CRLReason.keyCompromise)
                            .encode());

            ChainReport report = analyze(leaf, null, false);

            assertThat(codes(report)).isEmpty();
            assertThat(report.revocation()).isEmpty();
            server.verify(0, anyRequestedFor(anyUrl()));
        }

        @Test
        void analyzerWithoutFetcherCannotAnswerAndSaysSo() {
            Pki.Issued leaf = leaf(RevocationPki.names().ocsp(url("/ocsp")));

            ChainReport report = analyze(new Analyzer(CLOCK), leaf, null, true, null);

            assertThat(codes(report)).containsExactly(FindingCode.REVOCATION_UNKNOWN);
            assertThat(message(report, FindingCode.REVOCATION_UNKNOWN))
                    .contains("no fetcher configured");
            server.verify(0, anyRequestedFor(anyUrl()));
        }

        @Test
        void nonHttpResponderIsRefusedWithoutARequest() {
            String ldap = "ldap://127.0.0.1:" + server.port() + "/cn=CA?certificateRevocationList";
            Pki.Issued leaf = leaf(RevocationPki.names().crl(ldap));

            ChainReport report = analyze(leaf, null, true);

            assertThat(message(report, FindingCode.REVOCATION_UNKNOWN))
                    .contains("only http and https URLs with a host are fetched");
            server.verify(0, anyRequestedFor(anyUrl()));
        }
    }
}
