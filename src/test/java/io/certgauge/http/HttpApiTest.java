package io.certgauge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certgauge.Application;
import io.certgauge.demo.DemoTlsServer;
import io.certgauge.demo.LoopbackPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint of a running daemon: {@link Application} on a targets file of loopback TLS
 * servers, asked over HTTP as Prometheus, Zabbix and Nagios would ask.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiTest {

    private static final String ODD_NAME = "<b>\"odd\" & co</b>";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir static Path dir;

    private final LoopbackPki pki = new LoopbackPki();
    private final List<Application> apps = new ArrayList<>();
    private DemoTlsServer web;
    private DemoTlsServer shop;
    private DemoTlsServer stray;
    private int gonePort;
    private Application app;

    @BeforeAll
    void start() throws Exception {
        web = pki.serve("web.certgauge.test", 200);
        shop = pki.serve("shop.certgauge.test", 20);
        stray = pki.serve("stray.certgauge.test", 200);
        DemoTlsServer gone = pki.serve("gone.certgauge.test", 200);
        gonePort = gone.port();
        gone.close();
        pki.writeCaFile(dir.resolve("ca.pem"));
        app = start("targets.yaml");
    }

    @AfterAll
    void stop() {
        apps.forEach(Application::close);
        pki.close();
    }

    /** Starts the daemon on a targets file of the three targets plus {@code extra} lines. */
    private Application start(String name, String... extra) throws Exception {
        List<String> lines =
                new ArrayList<>(
                        List.of(
                                "defaults: {interval: 1h, timeout: 5s}",
                                "targets:",
                                "  - name: web",
                                "    host: 127.0.0.1",
                                "    port: " + web.port(),
                                "    sni: web.certgauge.test",
                                "    ca_file: ca.pem",
                                "    labels: {owner: web-team, department: 情報システム部}",
                                "  - name: shop",
                                "    host: 127.0.0.1",
                                "    port: " + shop.port(),
                                "    sni: shop.certgauge.test",
                                "    ca_file: ca.pem",
                                "    labels: {owner: shop-team, department: 営業部}",
                                "  - name: '" + ODD_NAME + "'",
                                "    host: 127.0.0.1",
                                "    port: " + web.port(),
                                "    sni: web.certgauge.test",
                                "    ca_file: ca.pem",
                                "  - name: gone",
                                "    host: 127.0.0.1",
                                "    port: " + gonePort));
        lines.addAll(List.of(extra));
        Path file = Files.writeString(dir.resolve(name), String.join("\n", lines));
        Application started =
                Application.start(
                        file,
                        new Application.Settings(new InetSocketAddress("127.0.0.1", 0), false),
                        LoopbackPki.clock());
        apps.add(started);
        started.awaitFirstRound();
        return started;
    }

    private static HttpResponse<String> get(Application app, String pathAndQuery)
            throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + app.port() + pathAndQuery);
        return CLIENT.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(app, pathAndQuery);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> lines(HttpResponse<String> response) {
        return response.body().lines().toList();
    }

    @Nested
    class Metrics {

        @Test
        void haveEveryTargetsSeries() throws Exception {
            HttpResponse<String> response = get("/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .get()
                    .asString()
                    .startsWith("text/plain");
            assertThat(lines(response))
                    .contains(
                            "certgauge_probe_success{address=\"127.0.0.1\",target=\"web\"} 1.0",
                            "certgauge_probe_success{address=\"127.0.0.1\",target=\"shop\"} 1.0",
                            "certgauge_cert_expiry_days{address=\"127.0.0.1\",target=\"web\"}"
                                    + " 200.0",
                            "certgauge_cert_expiry_days{address=\"127.0.0.1\",target=\"shop\"}"
                                    + " 20.0",
                            "certgauge_chain_valid{address=\"127.0.0.1\",target=\"shop\"} 1.0",
                            "certgauge_target_info{department=\"営業部\",owner=\"shop-team\","
                                    + "target=\"shop\"} 1");
            assertThat(response.body()).doesNotContain("certgauge_validation_error{");
        }

        @Test
        void showAFailedTargetWithItsReasonAndNoExpiry() throws Exception {
            HttpResponse<String> response = get("/metrics");

            assertThat(lines(response))
                    .contains(
                            "certgauge_probe_success{address=\"127.0.0.1\",target=\"gone\"} 0.0",
                            "certgauge_probe_error{address=\"127.0.0.1\",reason=\"refused\","
                                    + "target=\"gone\"} 1.0");
            assertThat(lines(response))
                    .filteredOn(l -> l.startsWith("certgauge_cert_expiry_days{"))
                    .noneMatch(l -> l.contains("target=\"gone\""));
        }

        @Test
        void aClientAskingForProtobufGetsTextLabelledAsText() throws Exception {
            // Prometheus asks for the protobuf format first when native histograms are on; the
            // answer used to be protobuf bytes (mangled through a String) labelled as text.
            URI uri = URI.create("http://127.0.0.1:" + app.port() + "/metrics");
            HttpResponse<String> response =
                    CLIENT.send(
                            HttpRequest.newBuilder(uri)
                                    .header(
                                            "Accept",
                                            "application/vnd.google.protobuf;"
                                                + "proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.5,"
                                                + "text/plain;version=0.0.4;q=0.3")
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

            assertThat(response.headers().firstValue("Content-Type"))
                    .get()
                    .asString()
                    .startsWith("text/plain; version=0.0.4");
            assertThat(response.body()).startsWith("# HELP ");
            assertThat(lines(response))
                    .contains("certgauge_probe_success{address=\"127.0.0.1\",target=\"web\"} 1.0");
        }

        @Test
        void haveTheSelfMetrics() throws Exception {
            HttpResponse<String> response = get("/metrics");

            assertThat(lines(response))
                    .contains(
                            "certgauge_targets 4.0",
                            "certgauge_probes_total{result=\"success\"} 3.0",
                            "certgauge_probes_total{result=\"refused\"} 1.0",
                            "certgauge_probes_total{result=\"timeout\"} 0.0",
                            "certgauge_config_last_reload_successful 1.0");
            assertThat(response.body())
                    .contains(
                            "certgauge_build_info{version=",
                            "certgauge_round_duration_seconds ",
                            "certgauge_config_last_reload_success_timestamp_seconds "
                                    + (double) LoopbackPki.NOW.getEpochSecond());
        }
    }

    @Nested
    class Health {

        @Test
        void readyzAnswers200AfterTheFirstRound() throws Exception {
            HttpResponse<String> response = get("/readyz");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ready\n");
        }

        @Test
        void healthzAnswersOk() throws Exception {
            HttpResponse<String> response = get("/healthz");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok\n");
        }
    }

    @Nested
    class Zabbix {

        private List<String> macro(JsonNode discovery, String name) {
            return StreamSupport.stream(discovery.spliterator(), false)
                    .map(entry -> entry.get(name).asText())
                    .toList();
        }

        @Test
        void discoveryListsEveryTargetWithItsLabels() throws Exception {
            HttpResponse<String> response = get("/zabbix/discovery");

            JsonNode discovery = JSON.readTree(response.body());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(macro(discovery, "{#TARGET}"))
                    .containsExactly("web", "shop", ODD_NAME, "gone");
            assertThat(macro(discovery, "{#PORT}"))
                    .containsExactly(
                            String.valueOf(web.port()), String.valueOf(shop.port()),
                            String.valueOf(web.port()), String.valueOf(gonePort));
            assertThat(macro(discovery, "{#DEPARTMENT}")).containsExactly("情報システム部", "営業部", "", "");
        }

        @Test
        void discoveryFiltersByAnEncodedJapaneseLabel() throws Exception {
            HttpResponse<String> response = get("/zabbix/discovery?department=" + encode("営業部"));

            assertThat(macro(JSON.readTree(response.body()), "{#TARGET}")).containsExactly("shop");
        }

        @Test
        void targetsGiveEachVerdictAsNumbers() throws Exception {
            HttpResponse<String> response = get("/zabbix/targets");

            JsonNode targets = JSON.readTree(response.body());
            assertThat(targets.fieldNames())
                    .toIterable()
                    .containsExactly("web", "shop", ODD_NAME, "gone");
            JsonNode shopItem = targets.get("shop");
            assertThat(shopItem.get("status").asText()).isEqualTo("warning");
            assertThat(shopItem.get("probe_ok").isInt()).isTrue();
            assertThat(shopItem.get("probe_ok").asInt()).isEqualTo(1);
            assertThat(shopItem.get("days_left").isNumber()).isTrue();
            assertThat(shopItem.get("days_left").asDouble()).isEqualTo(20.0);
            assertThat(targets.get("web").get("status").asText()).isEqualTo("ok");
            JsonNode goneItem = targets.get("gone");
            assertThat(goneItem.get("probe_ok").asInt()).isZero();
            assertThat(goneItem.get("error").asText()).isNotEmpty();
            assertThat(goneItem.has("days_left")).isFalse();
        }

        @Test
        void targetsFilterByAnEncodedJapaneseLabel() throws Exception {
            HttpResponse<String> response = get("/zabbix/targets?department=" + encode("情報システム部"));

            assertThat(JSON.readTree(response.body()).fieldNames())
                    .toIterable()
                    .containsExactly("web");
        }
    }

    @Test
    void apiListsEveryTargetWithItsChain() throws Exception {
        HttpResponse<String> response = get("/api/v1/targets");

        JsonNode targets = JSON.readTree(response.body()).get("targets");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(targets.findValuesAsText("id")).containsExactly("web", "shop", ODD_NAME, "gone");
        JsonNode shopAddress = targets.get(1).get("addresses").get(0);
        assertThat(shopAddress.get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(shopAddress.get("probe").get("ok").asBoolean()).isTrue();
        assertThat(shopAddress.get("chain").findValuesAsText("subject"))
                .containsExactly("CN=shop.certgauge.test", "CN=certgauge test intermediate");
    }

    @Nested
    class Nagios {

        @Test
        void firstWordAfterCertgaugeIsTheState() throws Exception {
            HttpResponse<String> web = get("/nagios?target=web");
            HttpResponse<String> shop = get("/nagios?target=shop");

            assertThat(web.statusCode()).isEqualTo(200);
            assertThat(web.body()).startsWith("CERTGAUGE OK - ");
            assertThat(shop.body()).startsWith("CERTGAUGE WARNING - ");
            assertThat(shop.body()).contains("expires in 20.00 days");
        }

        @Test
        void failedProbeIsCritical() throws Exception {
            HttpResponse<String> response = get("/nagios?target=gone");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("CERTGAUGE CRITICAL - ");
        }

        @Test
        void warningParameterChangesTheState() throws Exception {
            HttpResponse<String> response = get("/nagios?target=web&warning=300");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("CERTGAUGE WARNING - ");
        }

        @Test
        void anEncodedIdFindsItsTarget() throws Exception {
            HttpResponse<String> response = get("/nagios?target=" + encode(ODD_NAME));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("CERTGAUGE OK - " + ODD_NAME);
        }

        @Test
        void unknownIdIs404AndUnknown() throws Exception {
            HttpResponse<String> response = get("/nagios?target=nowhere");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).startsWith("CERTGAUGE UNKNOWN - ").contains("nowhere");
        }
    }

    @Nested
    class Probe {

        @Test
        void configuredTargetIsProbedWithItsOwnSettingsAndGivesOnlyItsSeries() throws Exception {
            HttpResponse<String> response = get("/probe?target=127.0.0.1:" + shop.port());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(lines(response))
                    .contains(
                            "certgauge_probe_success{address=\"127.0.0.1\",target=\"shop\"} 1.0",
                            "certgauge_chain_valid{address=\"127.0.0.1\",target=\"shop\"} 1.0");
            assertThat(lines(response))
                    .filteredOn(l -> l.startsWith("certgauge_"))
                    .isNotEmpty()
                    .allSatisfy(l -> assertThat(l).contains("target=\"shop\""));
            assertThat(response.body())
                    .doesNotContain("certgauge_build_info", "certgauge_probes_total");
        }

        @Test
        void unconfiguredEndpointWithEmptyProbeAllowIsForbiddenWithAReason() throws Exception {
            HttpResponse<String> response = get("/probe?target=127.0.0.1:" + stray.port());

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("not a configured target", "probe_allow");
        }

        @Test
        void unconfiguredEndpointThatProbeAllowPermitsIsProbed() throws Exception {
            Application allowing = start("allowing.yaml", "probe_allow: [\"127.0.0.*\"]");
            String id = "127.0.0.1:" + stray.port();

            HttpResponse<String> response = get(allowing, "/probe?target=" + id);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(lines(response))
                    .contains(
                            "certgauge_probe_success{address=\"127.0.0.1\",target=\""
                                    + id
                                    + "\"} 1.0");
        }

        @Test
        void missingTargetIsABadRequest() throws Exception {
            HttpResponse<String> response = get("/probe");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("/probe?target=HOST:PORT");
        }
    }

    @Test
    void reloadOverHttpIsForbiddenWithoutLifecycle() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + app.port() + "/-/reload");

        HttpResponse<String> response =
                CLIENT.send(
                        HttpRequest.newBuilder(uri)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("--web.enable-lifecycle");
    }

    @Test
    void statusPageEscapesEveryTargetId() throws Exception {
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("text/html");
        assertThat(response.body())
                .contains(
                        "<td>web</td>",
                        "<td>shop</td>",
                        "<td>&lt;b&gt;&quot;odd&quot; &amp; co&lt;/b&gt;</td>")
                .doesNotContain(ODD_NAME);
    }
}
