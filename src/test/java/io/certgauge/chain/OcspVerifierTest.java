package io.certgauge.chain;

import static io.certgauge.demo.Pki.days;
import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.chain.RevocationAnswer.Source;
import io.certgauge.chain.RevocationAnswer.Status;
import io.certgauge.demo.Pki;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.junit.jupiter.api.Test;

/** Judging OCSP responses without any network: nonces, dates, and unreadable input. */
class OcspVerifierTest {

    static final Instant NOW = AnalyzerTest.NOW;
    static final Pki.Issued ROOT = AnalyzerTest.root("Verifier Root");
    static final Pki.Issued CA = AnalyzerTest.intermediate("Verifier CA", ROOT);
    static final Pki.Issued LEAF =
            RevocationPki.leaf("v.example.test", CA, NOW.minus(days(5)), RevocationPki.names());
    static final byte[] NONCE = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    final OcspVerifier verifier = new OcspVerifier(NOW);

    RevocationAnswer verify(byte[] response, byte[] nonce) {
        return verifier.verify(
                response, LEAF.certificate(), CA.certificate(), Source.OCSP, null, nonce);
    }

    @Test
    void requestNamesTheCertificateAndCarriesTheNonce() throws Exception {
        byte[] der = OcspVerifier.request(LEAF.certificate(), CA.certificate(), NONCE);

        OCSPReq request = new OCSPReq(der);

        assertThat(request.getRequestList()).hasSize(1);
        assertThat(request.getRequestList()[0].getCertID().getSerialNumber())
                .isEqualTo(LEAF.certificate().getSerialNumber());
        assertThat(request.hasExtensions()).isTrue();
    }

    @Test
    void echoedNonceIsAccepted() {
        byte[] response = RevocationPki.ocsp(LEAF, CA, NOW).nonce(NONCE).encode();

        assertThat(verify(response, NONCE).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void otherNonceMakesTheAnswerUnusable() {
        byte[] response =
                RevocationPki.ocsp(LEAF, CA, NOW)
                        .nonce("another nonce...".getBytes(StandardCharsets.US_ASCII))
                        .encode();

        RevocationAnswer answer = verify(response, NONCE);

        assertThat(answer.status()).isEqualTo(Status.UNKNOWN);
        assertThat(answer.detail()).contains("a nonce other than the one sent");
    }

    @Test
    void responderThatIgnoresTheNonceIsAccepted() {
        byte[] response = RevocationPki.ocsp(LEAF, CA, NOW).encode();

        assertThat(verify(response, NONCE).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void responseFromTheFutureIsNotUsable() {
        byte[] response =
                RevocationPki.ocsp(LEAF, CA, NOW)
                        .between(NOW.plus(Duration.ofMinutes(10)), NOW.plus(days(7)))
                        .encode();

        RevocationAnswer answer = verify(response, null);

        assertThat(answer.status()).isEqualTo(Status.UNKNOWN);
        assertThat(answer.detail()).contains("not valid yet");
    }

    @Test
    void clockSkewWithinFiveMinutesIsTolerated() {
        byte[] response =
                RevocationPki.ocsp(LEAF, CA, NOW)
                        .between(NOW.plus(Duration.ofMinutes(4)), NOW.plus(days(7)))
                        .encode();

        assertThat(verify(response, null).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void responseAboutAnotherCertificateIsNotUsable() {
        Pki.Issued other =
                RevocationPki.leaf("o.example.test", CA, NOW.minus(days(5)), RevocationPki.names());
        byte[] response = RevocationPki.ocsp(other, CA, NOW).encode();

        RevocationAnswer answer = verify(response, null);

        assertThat(answer.detail())
                .contains(
                        "says nothing about serial "
                                + LEAF.certificate().getSerialNumber().toString(16));
    }

    @Test
    void garbageIsNotAReadableResponse() {
        RevocationAnswer answer = verify("garbage".getBytes(StandardCharsets.US_ASCII), null);

        assertThat(answer.status()).isEqualTo(Status.UNKNOWN);
        assertThat(answer.detail()).startsWith("not a readable OCSP response");
    }
}
