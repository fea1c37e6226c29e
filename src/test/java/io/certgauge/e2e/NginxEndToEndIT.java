package io.certgauge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole product from the built jar against a real nginx on loopback serving certificates made
 * by the real openssl: the daemon's {@code /metrics}, {@code /zabbix/targets} and the {@code check}
 * plugin must agree with what {@code openssl x509 -enddate} says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxEndToEndIT {

    private static final String DOMAIN = "e2e.certgauge.test";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A site nginx serves: its certificate's name, validity and what certgauge must say. */
    private record Site(String id, String certName, long fromDays, long toDays, int port) {
        String sni() {
            return id + "." + DOMAIN;
        }
    }

    @TempDir static Path dir;
    private OpensslCa ca;
    private final Map<String, Site> sites = new LinkedHashMap<>();
    private final Map<String, Instant> endDates = new LinkedHashMap<>();
    private Process nginx;
    private Process daemon;
    private String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startNginxAndDaemon() throws Exception {
        Path nginxBinary = Tools.require("nginx");
        ca = OpensslCa.create(dir.resolve("ca"), Tools.require("openssl"));
        Instant now = Instant.now();
        site(new Site("valid", "valid." + DOMAIN, -10, 200, Tools.freePort()), now);
        site(new Site("expiring", "expiring." + DOMAIN, -345, 20, Tools.freePort()), now);
        site(new Site("expired", "expired." + DOMAIN, -400, -5, Tools.freePort()), now);
        site(new Site("wrong", "other." + DOMAIN, -10, 200, Tools.freePort()), now);

        nginx = startNginx(nginxBinary);
        for (Site site : sites.values()) {
            waitForPort(site.port());
        }

        Path targets = writeTargets();
        int listen = Tools.freePort();
        baseUrl = "http://127.0.0.1:" + listen;
        daemon =
                new ProcessBuilder(
                                Tools.java(),
                                "-jar",
                                Tools.jar().toAbsolutePath().toString(),
                                "serve",
                                "--config",
                                targets.toString(),
                                "--listen",
                                "127.0.0.1:" + listen)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("daemon.log").toFile())
                        .start();
        waitForReady();
    }

    @AfterAll
    void stop() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void metricsGiveEachLeafsExpiryAsOpensslReadsIt() throws Exception {
        String metrics = get("/metrics");

        for (Site site : sites.values()) {
            double days = sample(metrics, "certgauge_cert_expiry_days", site.id());
            assertThat(days)
                    .as("days left for %s", site.id())
                    .isCloseTo(daysUntil(endDates.get(site.id())), within(1.0));
            assertThat(sample(metrics, "certgauge_probe_success", site.id())).isEqualTo(1.0);
        }
        assertThat(metrics)
                .contains(
                        "certgauge_validation_error{address=\"127.0.0.1\",error=\"expired\","
                                + "target=\"expired\"} 1")
                .contains(
                        "certgauge_validation_error{address=\"127.0.0.1\","
                                + "error=\"hostname_mismatch\",target=\"wrong\"} 1");
        assertThat(sample(metrics, "certgauge_chain_valid", "valid")).isEqualTo(1.0);
        assertThat(sample(metrics, "certgauge_chain_valid", "expired")).isEqualTo(0.0);
    }

    @Test
    void zabbixTargetsAgreeWithOpensslAndNameTheFindings() throws Exception {
        JsonNode targets = JSON.readTree(get("/zabbix/targets"));

        for (Site site : sites.values()) {
            JsonNode t = targets.get(site.id());
            assertThat(t).as("zabbix entry of %s", site.id()).isNotNull();
            assertThat(t.get("days_left").asDouble())
                    .isCloseTo(daysUntil(endDates.get(site.id())), within(1.0));
            assertThat(t.get("not_after").asLong())
                    .isEqualTo(endDates.get(site.id()).getEpochSecond());
            assertThat(t.get("probe_ok").asInt()).isEqualTo(1);
        }
        assertThat(findings(targets.get("valid"))).isEmpty();
        assertThat(findings(targets.get("expiring"))).isEmpty();
        assertThat(findings(targets.get("expired"))).containsExactly("expired");
        assertThat(findings(targets.get("wrong"))).containsExactly("hostname_mismatch");
        assertThat(targets.get("valid").get("status").asText()).isEqualTo("ok");
        assertThat(targets.get("expiring").get("status").asText()).isEqualTo("warning");
        assertThat(targets.get("expired").get("status").asText()).isEqualTo("critical");
    }

    @ParameterizedTest
    @CsvSource({
        "valid, 0, OK",
        "expiring, 1, WARNING",
        "expired, 2, CRITICAL",
        "wrong, 2, CRITICAL"
    })
    void checkProbesNginxAndExitsWithThePluginState(String id, int exit, String state)
            throws Exception {
        Site site = sites.get(id);

        Tools.Result result =
                Tools.run(
                        dir,
                        List.of(
                                Tools.java(),
                                "-jar",
                                Tools.jar().toString(),
                                "check",
                                "-H",
                                "127.0.0.1",
                                "-p",
                                String.valueOf(site.port()),
                                "--sni",
                                site.sni(),
                                "--ca-file",
                                ca.root().toString(),
                                "-t",
                                "10"));

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(exit);
        assertThat(result.stdout()).startsWith("CERTGAUGE " + state + " - ");
        Matcher days = Pattern.compile("\\| days=(-?[0-9.]+);").matcher(result.stdout());
        assertThat(days.find()).as(result.stdout()).isTrue();
        assertThat(Double.parseDouble(days.group(1)))
                .isCloseTo(daysUntil(endDates.get(id)), within(1.0));
    }

    @ParameterizedTest
    @CsvSource({"valid, 0", "expiring, 1", "expired, 2", "wrong, 2"})
    void checkFromTheDaemonGivesTheSameStateWithoutAHandshake(String id, int exit)
            throws Exception {
        Tools.Result result =
                Tools.run(
                        dir,
                        List.of(
                                Tools.java(),
                                "-jar",
                                Tools.jar().toString(),
                                "check",
                                "--from",
                                baseUrl,
                                "--target",
                                id));

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(exit);
        assertThat(result.stdout()).isEqualTo(get("/nagios?target=" + id));
    }

    @Test
    void checkOfAnUnknownTargetOnTheDaemonIsUnknown() throws Exception {
        Tools.Result result =
                Tools.run(
                        dir,
                        List.of(
                                Tools.java(),
                                "-jar",
                                Tools.jar().toString(),
                                "check",
                                "--from",
                                baseUrl,
                                "--target",
                                "no-such-target"));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).startsWith("CERTGAUGE UNKNOWN - ");
    }

    private void site(Site site, Instant now) throws IOException, InterruptedException {
        Path cert =
                ca.issue(
                        site.id(),
                        site.certName(),
                        now.plus(Duration.ofDays(site.fromDays())),
                        now.plus(Duration.ofDays(site.toDays())));
        sites.put(site.id(), site);
        endDates.put(site.id(), ca.endDate(cert));
    }

    private Process startNginx(Path binary) throws IOException {
        Path prefix = dir.resolve("nginx");
        Files.createDirectories(prefix.resolve("tmp"));
        StringBuilder conf = new StringBuilder();
        conf.append("worker_processes 1;\n")
                .append("pid ")
                .append(prefix.resolve("nginx.pid"))
                .append(";\n")
                .append("error_log ")
                .append(prefix.resolve("error.log"))
                .append(";\n")
                .append("events { worker_connections 64; }\n")
                .append("http {\n  access_log off;\n");
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            conf.append("  ")
                    .append(temp)
                    .append("_temp_path ")
                    .append(prefix.resolve("tmp").resolve(temp))
                    .append(";\n");
        }
        for (Site site : sites.values()) {
            Path caDir = dir.resolve("ca");
            conf.append("  server {\n")
                    .append("    listen 127.0.0.1:")
                    .append(site.port())
                    .append(" ssl;\n")
                    .append("    ssl_certificate ")
                    .append(caDir.resolve(site.id() + ".pem"))
                    .append(";\n")
                    .append("    ssl_certificate_key ")
                    .append(caDir.resolve(site.id() + ".key"))
                    .append(";\n")
                    .append("    return 200 \"ok\\n\";\n  }\n");
        }
        conf.append("}\n");
        Path confFile = prefix.resolve("nginx.conf");
        Files.writeString(confFile, conf, StandardCharsets.UTF_8);
        return new ProcessBuilder(
                        binary.toString(),
                        "-p",
                        prefix.toString(),
                        "-e",
                        prefix.resolve("error.log").toString(),
                        "-c",
                        confFile.toString(),
                        "-g",
                        "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("stdout.log").toFile())
                .start();
    }

    private Path writeTargets() throws IOException {
        StringBuilder yaml = new StringBuilder("defaults: {interval: 1h, timeout: 5s}\ntargets:\n");
        for (Site site : sites.values()) {
            yaml.append("  - name: ")
                    .append(site.id())
                    .append('\n')
                    .append("    host: 127.0.0.1\n")
                    .append("    port: ")
                    .append(site.port())
                    .append('\n')
                    .append("    sni: ")
                    .append(site.sni())
                    .append('\n')
                    .append("    ca_file: ca/root.pem\n")
                    .append("    labels: {owner: e2e, department: 情報システム部}\n");
        }
        Path file = dir.resolve("targets.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private void waitForPort(int port) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (!nginx.isAlive()) {
                    throw new AssertionError("nginx exited: " + nginxLog());
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nginx did not listen on " + port);
    }

    private static String nginxLog() throws IOException {
        Path log = dir.resolve("nginx").resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "(no error.log)";
    }

    private void waitForReady() throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            assertThat(daemon.isAlive())
                    .as("daemon exited: %s", Files.readString(dir.resolve("daemon.log")))
                    .isTrue();
            try {
                HttpResponse<String> ready =
                        http.send(
                                HttpRequest.newBuilder(URI.create(baseUrl + "/readyz")).build(),
                                HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the daemon is still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "daemon not ready: " + Files.readString(dir.resolve("daemon.log")));
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    private static double sample(String metrics, String name, String target) {
        Pattern line =
                Pattern.compile(
                        "^"
                                + name
                                + "\\{[^}]*target=\""
                                + Pattern.quote(target)
                                + "\"[^}]*} (\\S+)$",
                        Pattern.MULTILINE);
        Matcher m = line.matcher(metrics);
        assertThat(m.find()).as("%s for %s in:%n%s", name, target, metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static double daysUntil(Instant instant) {
        return Duration.between(Instant.now(), instant).toSeconds() / 86400.0;
    }

    private static List<String> findings(JsonNode target) {
        List<String> codes = new ArrayList<>();
        target.get("findings").forEach(f -> codes.add(f.asText()));
        return codes;
    }
}
