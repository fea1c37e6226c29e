package io.certgauge.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.certgauge.chain.FetchException;
import io.certgauge.chain.Fetcher;
import io.certgauge.chain.Fetcher.Kind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP fetcher's rules against WireMock on 127.0.0.1. */
class HttpFetcherTest {

    static final byte[] BODY = "answer".getBytes(StandardCharsets.US_ASCII);

    WireMockServer server;
    HttpFetcher fetcher;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        fetcher = new HttpFetcher();
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.stop();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static Instant inSeconds(long seconds) {
        return Instant.now().plusSeconds(seconds);
    }

    byte[] fetch(String path) throws FetchException {
        return fetcher.get(url(path), Kind.AIA, inSeconds(5), Fetcher.Expiry.NEVER);
    }

    @Test
    void getReturnsTheBodyOfA200() throws FetchException {
        server.stubFor(get(urlEqualTo("/a")).willReturn(aResponse().withBody(BODY)));

        assertThat(fetch("/a")).isEqualTo(BODY);
    }

    @Test
    void postSendsTheBodyWithItsContentType() throws FetchException {
        server.stubFor(post(urlEqualTo("/ocsp")).willReturn(aResponse().withBody(BODY)));

        byte[] answer =
                fetcher.post(
                        url("/ocsp"),
                        Kind.OCSP,
                        "application/ocsp-request",
                        new byte[] {1, 2, 3},
                        inSeconds(5),
                        Fetcher.Expiry.NEVER);

        assertThat(answer).isEqualTo(BODY);
        server.verify(
                postRequestedFor(urlEqualTo("/ocsp"))
                        .withHeader("Content-Type", equalTo("application/ocsp-request")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ldap://127.0.0.1/cn=CA",
                "file:///etc/passwd",
                "ftp://127.0.0.1/x",
                "http:relative"
            })
    void otherSchemesAreRefusedBeforeAnythingIsSent(String address) {
        URI uri = URI.create(address);

        assertThatThrownBy(() -> fetcher.get(uri, Kind.CRL, inSeconds(5), Fetcher.Expiry.NEVER))
                .isInstanceOf(FetchException.class)
                .hasMessage(
                        "refused: only http and https URLs with a host are fetched, not "
                                + address);
    }

    @Test
    void statusOtherThan200IsAnError() {
        server.stubFor(get(urlEqualTo("/a")).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> fetch("/a")).hasMessage("answered HTTP 500");
    }

    @Test
    void declaredLengthOverTheCapIsRefused() {
        server.stubFor(
                get(urlEqualTo("/big"))
                        .willReturn(aResponse().withBody(new byte[(int) Kind.AIA.maxBytes() + 1])));

        assertThatThrownBy(() -> fetch("/big"))
                .hasMessage("answered more than the aia size cap of 1048576 bytes");
    }

    @Test
    void chunkedBodyOverTheCapIsRefusedWhileReading() {
        server.stubFor(
                get(urlEqualTo("/big"))
                        .willReturn(
                                aResponse()
                                        .withBody(new byte[(int) Kind.AIA.maxBytes() + 10])
                                        .withChunkedDribbleDelay(4, 20)));

        assertThatThrownBy(() -> fetch("/big")).hasMessageContaining("size cap");
    }

    @Test
    void bodyAtTheCapIsAccepted() throws FetchException {
        server.stubFor(
                get(urlEqualTo("/full"))
                        .willReturn(aResponse().withBody(new byte[(int) Kind.AIA.maxBytes()])));

        assertThat(fetch("/full")).hasSize((int) Kind.AIA.maxBytes());
    }

    @Test
    void slowAnswerEndsAtTheDeadline() {
        server.stubFor(
                get(urlEqualTo("/slow"))
                        .willReturn(aResponse().withBody(BODY).withFixedDelay(4000)));
        Instant started = Instant.now();

        assertThatThrownBy(
                        () ->
                                fetcher.get(
                                        url("/slow"),
                                        Kind.AIA,
                                        started.plusMillis(500),
                                        Fetcher.Expiry.NEVER))
                .hasMessage("gave no answer within the deadline");
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void drippingBodyEndsAtTheDeadline() {
        server.stubFor(
                get(urlEqualTo("/drip"))
                        .willReturn(
                                aResponse()
                                        .withBody(new byte[4000])
                                        .withChunkedDribbleDelay(40, 4000)));
        Instant started = Instant.now();

        assertThatThrownBy(
                        () ->
                                fetcher.get(
                                        url("/drip"),
                                        Kind.AIA,
                                        started.plusMillis(800),
                                        Fetcher.Expiry.NEVER))
                .isInstanceOf(FetchException.class);
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void deadlineAlreadyPassedSendsNothing() {
        assertThatThrownBy(
                        () ->
                                fetcher.get(
                                        url("/a"),
                                        Kind.AIA,
                                        Instant.now().minusSeconds(1),
                                        Fetcher.Expiry.NEVER))
                .hasMessage("not asked: the deadline had passed");
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void redirectToHttpIsFollowed() throws FetchException {
        server.stubFor(
                get(urlEqualTo("/old"))
                        .willReturn(aResponse().withStatus(301).withHeader("Location", "/new")));
        server.stubFor(get(urlEqualTo("/new")).willReturn(aResponse().withBody(BODY)));

        assertThat(fetch("/old")).isEqualTo(BODY);
    }

    @Test
    void redirectToAnotherSchemeIsRefused() {
        server.stubFor(
                get(urlEqualTo("/old"))
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withHeader("Location", "file:///etc/passwd")));

        assertThatThrownBy(() -> fetch("/old")).hasMessageContaining("refused: only http");
    }

    @Test
    void redirectLoopStops() {
        server.stubFor(
                get(urlEqualTo("/loop"))
                        .willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));

        assertThatThrownBy(() -> fetch("/loop")).hasMessage("redirected more than 3 times");
    }

    @Test
    void postIsNotFollowedThroughA302() {
        server.stubFor(
                post(urlEqualTo("/ocsp"))
                        .willReturn(
                                aResponse().withStatus(302).withHeader("Location", "/elsewhere")));

        assertThatThrownBy(
                        () ->
                                fetcher.post(
                                        url("/ocsp"),
                                        Kind.OCSP,
                                        "application/ocsp-request",
                                        new byte[] {1},
                                        inSeconds(5),
                                        Fetcher.Expiry.NEVER))
                .hasMessageContaining("answered HTTP 302 to a POST");
    }
}
