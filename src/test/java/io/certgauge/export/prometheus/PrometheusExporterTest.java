package io.certgauge.export.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.chain.ChainReport;
import io.certgauge.export.ExportFixtures;
import io.certgauge.export.Golden;
import io.certgauge.probe.ChainRead;
import io.certgauge.result.AddressResult;
import io.certgauge.result.Snapshot;
import io.certgauge.result.TargetResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PrometheusExporterTest {

    private static final Instant LOADED = Instant.parse("2026-12-03T09:00:00Z");

    private final ExportFixtures fixtures = new ExportFixtures();

    private PrometheusExporter exporter(Snapshot snapshot) {
        return new PrometheusExporter(() -> snapshot, ExportFixtures.CLOCK, "1.2.3", LOADED);
    }

    /** The whole /metrics text of the fixture, self-metrics included. */
    static String fixtureScrape(ExportFixtures fixtures) {
        PrometheusExporter exporter =
                new PrometheusExporter(fixtures::snapshot, ExportFixtures.CLOCK, "1.2.3", LOADED);
        SelfMetrics self = exporter.selfMetrics();
        self.targets(fixtures.snapshot().targets().size());
        for (TargetResult result : fixtures.snapshot().targets()) {
            result.addresses().forEach(a -> self.probed(a.last()));
        }
        self.roundFinished(Duration.ofMillis(10_250));
        return canonical(fixtures, exporter.scrape());
    }

    /**
     * Fingerprints replaced by names, and samples sorted within each family: client_java orders
     * samples by their labels, and a per-run fingerprint label would otherwise shuffle them.
     */
    static String canonical(ExportFixtures fixtures, String exposition) {
        StringBuilder out = new StringBuilder();
        List<String> samples = new ArrayList<>();
        for (String line : fixtures.normalise(exposition).split("\n", -1)) {
            if (line.startsWith("#") || line.isEmpty()) {
                samples.stream().sorted().forEach(s -> out.append(s).append('\n'));
                samples.clear();
                if (!line.isEmpty()) {
                    out.append(line).append('\n');
                }
            } else {
                samples.add(line);
            }
        }
        return out.toString();
    }

    @Test
    void scrapeWritesEveryTargetAndSelfMetricExactlyAsTheGoldenFile() {
        String text = fixtureScrape(fixtures);

        Golden.assertMatches("prometheus/metrics.txt", text);
    }

    @Test
    void probeAnswerHoldsTheOneTargetAndNoSelfMetrics() {
        PrometheusExporter exporter = exporter(fixtures.snapshot());

        String text = canonical(fixtures, exporter.render(fixtures.result(ExportFixtures.LB)));

        Golden.assertMatches("prometheus/probe-lb.txt", text);
    }

    @Nested
    class Names {

        @Test
        void infoMetricsKeepTheirSuffix() {
            String text = exporter(fixtures.snapshot()).scrape();

            assertThat(text)
                    .contains("# TYPE certgauge_cert_info gauge")
                    .contains("certgauge_tls_info{")
                    .contains("certgauge_target_info{")
                    .contains("certgauge_build_info{version=\"1.2.3\"} 1");
        }

        @Test
        void targetInfoCarriesTheUnionOfLabelKeysWithEmptyValues() {
            String text = exporter(fixtures.snapshot()).scrape();

            assertThat(text)
                    .contains(
                            "certgauge_target_info{department=\"\",env=\"\",owner=\"\","
                                    + "target=\"new.example.co.jp:443\"} 1");
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void targetThatLeftTheConfigurationDisappearsAtTheNextScrape() {
            AtomicReference<Snapshot> current = new AtomicReference<>(fixtures.snapshot());
            PrometheusExporter exporter =
                    new PrometheusExporter(current::get, ExportFixtures.CLOCK, "1", LOADED);
            assertThat(exporter.scrape()).contains("target=\"lb.example.co.jp:443\"");

            current.set(
                    new Snapshot(
                            fixtures.snapshot().config(),
                            List.of(fixtures.result(ExportFixtures.OK))));
            String text = exporter.scrape();

            assertThat(text)
                    .doesNotContain("lb.example.co.jp")
                    .contains("target=\"www.example.co.jp:443\"");
        }

        @Test
        void targetThatCannotBeRenderedIsLeftOutAndTheOthersStay() {
            TargetResult broken = brokenResult(fixtures.result(ExportFixtures.EXPIRING));
            Snapshot snapshot =
                    new Snapshot(
                            fixtures.snapshot().config(),
                            List.of(broken, fixtures.result(ExportFixtures.OK)));

            String text = exporter(snapshot).scrape();

            assertThat(text)
                    .doesNotContain("expiring.example.co.jp")
                    .contains(
                            "certgauge_cert_expiry_days{address=\"127.0.0.1\","
                                    + "target=\"www.example.co.jp:443\"}");
        }

        /** A report without a leaf: rendering it throws, as a bug in the model would. */
        private TargetResult brokenResult(TargetResult good) {
            AddressResult a = good.addresses().get(0);
            ChainReport empty =
                    new ChainReport(List.of(), List.of(), true, true, false, List.of(), null);
            ChainRead read = a.lastRead();
            return new TargetResult(
                    good.target(),
                    List.of(new AddressResult(a.address(), read, read, empty)),
                    List.of(),
                    good.probedAt(),
                    good.duration());
        }
    }

    @Nested
    class Self {

        @Test
        void failedReloadIsReportedWhileTheLastSuccessTimeStays() {
            PrometheusExporter exporter = exporter(fixtures.snapshot());

            exporter.selfMetrics().reloadFailed();
            String text = exporter.scrape();

            assertThat(text)
                    .contains("certgauge_config_last_reload_successful 0.0")
                    .contains(
                            "certgauge_config_last_reload_success_timestamp_seconds"
                                    + " 1.7962884E9");
        }

        @Test
        void roundDurationIsAbsentBeforeTheFirstRound() {
            String text = exporter(fixtures.snapshot()).scrape();

            assertThat(text).doesNotContain("certgauge_round_duration_seconds");
        }
    }
}
