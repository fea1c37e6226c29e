package io.certgauge.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every metric name the dashboard, the alert rules and the READMEs use is one certgauge emits, as
 * the golden scrape of the Prometheus exporter shows: a renamed metric fails here instead of
 * leaving an empty panel or an alert that can never fire.
 */
class MetricNamesTest {

    private static final Path GOLDEN =
            Path.of("src", "test", "resources", "golden", "prometheus", "metrics.txt");
    private static final Path GRAFANA = Path.of("grafana");
    private static final Path DASHBOARD = GRAFANA.resolve("certgauge-dashboard.json");

    /** A name; one followed by {@code *} is a wildcard in prose ({@code certgauge_target_*}). */
    private static final Pattern METRIC_NAME = Pattern.compile("certgauge_[a-z_]++(?!\\*)");

    /** Suffixes Prometheus derives from a base name; none is in the golden text as such. */
    private static final List<String> DERIVED_SUFFIXES =
            List.of("_bucket", "_count", "_sum", "_created");

    @Test
    void everyMetricNameInTheIntegrationsAndTheReadmeIsExposed() throws IOException {
        Set<String> exposed = exposedNames();
        List<Path> files = new ArrayList<>(grafanaFiles());
        files.add(Path.of("README.md"));

        Set<String> unknown = new TreeSet<>();
        for (Path file : files) {
            for (String name : namesIn(file)) {
                if (!exposed.contains(base(name))) {
                    unknown.add(file + ": " + name);
                }
            }
        }

        assertThat(unknown).as("metric names not in " + GOLDEN).isEmpty();
    }

    @Test
    void theRulesAndTheDashboardUseTheExpiryAndThresholdMetrics() throws IOException {
        Set<String> rules = namesIn(GRAFANA.resolve("alert-rules.yml"));
        Set<String> dashboard = namesIn(DASHBOARD);

        assertThat(rules)
                .contains(
                        "certgauge_cert_expiry_days",
                        "certgauge_target_warning_days",
                        "certgauge_target_critical_days",
                        "certgauge_target_emergency_days",
                        "certgauge_target_info",
                        "certgauge_validation_error");
        assertThat(dashboard).contains("certgauge_cert_expiry_days", "certgauge_target_info");
    }

    @Test
    void aNameTheExporterDoesNotEmitIsCaught() throws IOException {
        Set<String> exposed = exposedNames();

        assertThat(exposed).doesNotContain(base("certgauge_cert_expiry_seconds"));
        assertThat(exposed).contains(base("certgauge_probes_total"));
    }

    @Nested
    class Dashboard {

        private final JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());

        Dashboard() throws IOException {}

        @Test
        void asksForThePrometheusDataSourceOnImport() {
            JsonNode input = dashboard.get("__inputs").get(0);

            assertThat(input.get("name").asText()).isEqualTo("DS_PROMETHEUS");
            assertThat(input.get("pluginId").asText()).isEqualTo("prometheus");
            assertThat(dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
        }

        @Test
        void everyQueryUsesTheDataSourceVariableAndFiltersByDepartmentAndOwner() {
            List<String> problems = new ArrayList<>();

            for (JsonNode panel : dashboard.get("panels")) {
                String title = panel.get("title").asText();
                for (JsonNode target : panel.get("targets")) {
                    String uid = target.at("/datasource/uid").asText();
                    String expr = target.get("expr").asText();
                    if (!uid.equals("${DS_PROMETHEUS}")) {
                        problems.add(title + ": data source " + uid);
                    }
                    if (expr.contains("certgauge_target_info")
                            && !(expr.contains("$department") && expr.contains("$owner"))) {
                        problems.add(title + ": unfiltered " + expr);
                    }
                }
            }

            assertThat(problems).isEmpty();
        }

        @Test
        void offersDepartmentAndOwnerVariables() {
            List<String> names = new ArrayList<>();

            dashboard.get("templating").get("list").forEach(v -> names.add(v.get("name").asText()));

            assertThat(names).contains("DS_PROMETHEUS", "department", "owner");
        }
    }

    private static Set<String> exposedNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static List<Path> grafanaFiles() throws IOException {
        try (Stream<Path> files = Files.list(GRAFANA)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Set<String> namesIn(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC_NAME.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    private static String base(String name) {
        for (String suffix : DERIVED_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
