package io.certgauge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certgauge.config.ConfigException;
import io.certgauge.demo.DemoTlsServer;
import io.certgauge.demo.LoopbackPki;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's lifecycle: start, listen, reload on request and on file change, stop. */
class ApplicationTest {

    /** Bound for waits on the daemon; generous, since a busy machine is slow, not wrong. */
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir Path dir;

    private final LoopbackPki pki = new LoopbackPki();
    private DemoTlsServer web;
    private DemoTlsServer shop;
    private Path targets;
    private Application app;

    @BeforeEach
    void serve() throws IOException {
        web = pki.serve("web.certgauge.test", 200);
        shop = pki.serve("shop.certgauge.test", 20);
        pki.writeCaFile(dir.resolve("ca.pem"));
        targets = dir.resolve("targets.yaml");
        write(target("web", web));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        pki.close();
    }

    private static String target(String name, DemoTlsServer server) {
        return "  - {name: "
                + name
                + ", host: 127.0.0.1, port: "
                + server.port()
                + ", sni: "
                + name
                + ".certgauge.test, ca_file: ca.pem}";
    }

    private void write(String... targetLines) throws IOException {
        List<String> lines = new ArrayList<>(List.of("defaults: {interval: 1h}", "targets:"));
        lines.addAll(List.of(targetLines));
        Files.writeString(targets, String.join("\n", lines) + "\n");
    }

    private Application start(boolean lifecycle) throws Exception {
        app =
                Application.start(
                        targets,
                        new Application.Settings(new InetSocketAddress("127.0.0.1", 0), lifecycle),
                        LoopbackPki.clock());
        app.awaitFirstRound();
        return app;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return CLIENT.send(
                request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Asks {@code path} until its body satisfies {@code wanted} or patience runs out. */
    private String awaitBody(String path, Predicate<String> wanted) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String body = get(path).body();
        while (!wanted.test(body) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            body = get(path).body();
        }
        return body;
    }

    @Test
    void exposesThePortItListensOn() throws Exception {
        start(false);

        HttpResponse<String> response = get("/healthz");

        assertThat(app.port()).isPositive();
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void brokenFileAtStartStartsNothing() throws Exception {
        write("  - {host: 127.0.0.1, port: 99999}");

        assertThatThrownBy(() -> start(false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets[0].port");
        assertThat(app).isNull();
    }

    @Test
    void closeStopsListening() throws Exception {
        start(false);
        URI health = uri("/healthz");

        app.close();

        assertThatThrownBy(() -> send(HttpRequest.newBuilder(health).GET()))
                .isInstanceOf(ConnectException.class);
        app = null;
    }

    @Nested
    class ReloadOverHttp {

        @BeforeEach
        void startWithLifecycle() throws Exception {
            start(true);
        }

        @Test
        void goodFileChangeReloads() throws Exception {
            write(target("web", web), target("shop", shop));

            HttpResponse<String> response = post("/-/reload");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("reloaded\n");
            assertThat(get("/zabbix/discovery").body()).contains("\"shop\"", "\"web\"");
            assertThat(get("/metrics").body().lines())
                    .contains(
                            "certgauge_targets 2.0", "certgauge_config_last_reload_successful 1.0");
            assertThat(awaitBody("/nagios?target=shop", b -> !b.contains("not probed yet")))
                    .startsWith("CERTGAUGE WARNING - ");
        }

        @Test
        void brokenFileKeepsTheRunningConfigurationAndSaysWhy() throws Exception {
            write(target("web", web), "  - {host: 127.0.0.1, port: 99999}", "colour: red");

            HttpResponse<String> response = post("/-/reload");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body())
                    .startsWith("reload failed, the previous configuration keeps running:")
                    .contains("targets[1].port", "99999", "colour");
            assertThat(get("/metrics").body().lines())
                    .contains(
                            "certgauge_targets 1.0", "certgauge_config_last_reload_successful 0.0");
            assertThat(get("/nagios?target=web").body()).startsWith("CERTGAUGE OK - ");
            assertThat(get("/zabbix/discovery").body()).doesNotContain("\"shop\"");
        }

        @Test
        void goodReloadAfterABrokenOneIsReportedAsSuccessfulAgain() throws Exception {
            write("  - {host: 127.0.0.1, port: 99999}");
            post("/-/reload");
            write(target("web", web), target("shop", shop));

            HttpResponse<String> response = post("/-/reload");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(get("/metrics").body().lines())
                    .contains("certgauge_config_last_reload_successful 1.0");
        }
    }

    @Test
    void fileWatcherReloadsAChangedFile() throws Exception {
        start(false);

        write(target("web", web), target("shop", shop));

        assertThat(awaitBody("/zabbix/discovery", b -> b.contains("\"shop\"")))
                .contains("\"shop\"", "\"web\"");
    }
}
