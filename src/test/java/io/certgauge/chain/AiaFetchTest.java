package io.certgauge.chain;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.certgauge.demo.Pki.days;
import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.demo.Pki;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A server that omits its intermediate: the Analyzer fetches it from the leaf's caIssuers URL,
 * served by WireMock on 127.0.0.1, and says whether the chain validates with it.
 */
class AiaFetchTest extends ResponderFixture {

    static final Instant NOW = AnalyzerTest.NOW;
    static final String NAME = AnalyzerTest.NAME;

    static final Pki.Issued ROOT = AnalyzerTest.root("AIA Root");
    static final Pki.Issued CA = AnalyzerTest.intermediate("AIA CA", ROOT);

    /** Analyses a leaf naming {@code caIssuers}, sent alone, with revocation off. */
    ChainReport analyzeLeafAlone(String caIssuers) {
        Pki.Issued leaf =
                RevocationPki.leaf(
                        NAME, CA, NOW.minus(days(10)), RevocationPki.names().caIssuers(caIssuers));
        AnalysisContext ctx =
                new AnalysisContext(
                        NAME,
                        NAME,
                        AnalyzerTest.privateRoots(ROOT),
                        "TLSv1.3",
                        null,
                        false,
                        Instant.now().plusSeconds(5));
        return analyzer.analyze(AnalyzerTest.certs(leaf), ctx);
    }

    void serve(String path, byte[] body) {
        server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withBody(body)));
    }

    @Test
    void derIntermediateCompletesTheChainAndIsReportedAsIncomplete()
            throws CertificateEncodingException {
        serve("/ca.der", CA.certificate().getEncoded());

        ChainReport report = analyzeLeafAlone(url("/ca.der"));

        assertThat(report.verified()).isTrue();
        assertThat(AnalyzerTest.codes(report)).containsExactly(FindingCode.INCOMPLETE_CHAIN);
        assertThat(AnalyzerTest.message(report, FindingCode.INCOMPLETE_CHAIN))
                .isEqualTo(
                        "the server did not send CN=AIA CA; the chain validates with"
                                + " CN=AIA CA fetched from "
                                + url("/ca.der")
                                + " (AIA caIssuers), as browsers that fetch it do");
        assertThat(report.path())
                .containsExactly(report.leaf(), CA.certificate(), ROOT.certificate());
    }

    @Test
    void pkcs7BundleCompletesTheChain() {
        serve("/ca.p7c", RevocationPki.pkcs7(CA.certificate()));

        ChainReport report = analyzeLeafAlone(url("/ca.p7c"));

        assertThat(report.verified()).isTrue();
        assertThat(AnalyzerTest.message(report, FindingCode.INCOMPLETE_CHAIN))
                .contains("fetched from " + url("/ca.p7c"));
    }

    @Test
    void fetchedIntermediateIsCachedForTheNextAnalysis() throws CertificateEncodingException {
        serve("/ca.der", CA.certificate().getEncoded());

        analyzeLeafAlone(url("/ca.der"));
        ChainReport second = analyzeLeafAlone(url("/ca.der"));

        assertThat(second.verified()).isTrue();
        server.verify(1, getRequestedFor(urlEqualTo("/ca.der")));
    }

    @Test
    void missingFileLeavesTheChainUntrustedAndSaysWhy() {
        server.stubFor(get(urlEqualTo("/ca.der")).willReturn(aResponse().withStatus(404)));

        ChainReport report = analyzeLeafAlone(url("/ca.der"));

        assertThat(report.verified()).isFalse();
        assertThat(AnalyzerTest.codes(report)).containsExactly(FindingCode.UNTRUSTED);
        assertThat(AnalyzerTest.message(report, FindingCode.UNTRUSTED))
                .contains(
                        "fetching the issuer named by AIA caIssuers did not help: "
                                + url("/ca.der")
                                + ": answered HTTP 404");
    }

    @Test
    void garbageLeavesTheChainUntrustedAndSaysWhy() {
        serve(
                "/ca.der",
                "<html>not a certificate</html>"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        ChainReport report = analyzeLeafAlone(url("/ca.der"));

        assertThat(report.verified()).isFalse();
        assertThat(AnalyzerTest.message(report, FindingCode.UNTRUSTED))
                .contains(url("/ca.der") + " is not a DER certificate or a PKCS#7 bundle");
    }

    @Test
    void certificateOfAnotherNameIsNotUsed() throws CertificateEncodingException {
        serve("/ca.der", ROOT.certificate().getEncoded());

        ChainReport report = analyzeLeafAlone(url("/ca.der"));

        assertThat(report.verified()).isFalse();
        assertThat(AnalyzerTest.message(report, FindingCode.UNTRUSTED))
                .contains(url("/ca.der") + " holds no certificate named CN=AIA CA");
    }

    @Test
    void nonHttpUrlIsRefusedWithoutARequest() {
        String ftp = "ftp://127.0.0.1:" + server.port() + "/ca.der";

        ChainReport report = analyzeLeafAlone(ftp);

        assertThat(report.verified()).isFalse();
        assertThat(AnalyzerTest.message(report, FindingCode.UNTRUSTED))
                .contains(ftp + ": refused: only http and https URLs");
        server.verify(0, anyRequestedFor(anyUrl()));
    }
}
