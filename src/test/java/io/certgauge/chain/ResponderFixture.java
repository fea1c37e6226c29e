package io.certgauge.chain;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.certgauge.fetch.CachingFetcher;
import io.certgauge.fetch.HttpFetcher;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A WireMock responder on a loopback port and an Analyzer that fetches through the real HTTP
 * fetcher and cache, at the chain tests' fixed time; fresh for every test.
 */
abstract class ResponderFixture {

    static final Clock CLOCK = Clock.fixed(AnalyzerTest.NOW, ZoneOffset.UTC);

    WireMockServer server;
    HttpFetcher http;
    Analyzer analyzer;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        http = new HttpFetcher();
        analyzer = new Analyzer(CLOCK, new CachingFetcher(http, CLOCK));
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop();
    }

    /** An address on the responder. */
    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }
}
