package io.certgauge.export.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.export.ExportFixtures;
import io.certgauge.result.AddressResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevocationViewTest {

    private static final Instant LOADED = Instant.parse("2026-12-03T09:00:00Z");

    private final ExportFixtures fixtures = new ExportFixtures();

    private AddressResult address(String target) {
        return fixtures.result(target).addresses().get(0);
    }

    @Test
    void answersComeFromTheReportInTheOrderAsked() {
        AddressResult expiring = address(ExportFixtures.EXPIRING);

        assertThat(RevocationView.FROM_REPORT.answers(expiring))
                .containsExactly(
                        new RevocationView.Answer("ocsp", "unknown"),
                        new RevocationView.Answer("crl", "good"));
    }

    @Test
    void stapleNextUpdateComesFromTheReportAndIsAbsentWithoutStaple() {
        assertThat(RevocationView.FROM_REPORT.stapleNextUpdate(address(ExportFixtures.OK)))
                .contains(ExportFixtures.STAPLE_NEXT_UPDATE);
        assertThat(RevocationView.FROM_REPORT.stapleNextUpdate(address(ExportFixtures.EXPIRING)))
                .isEmpty();
    }

    @Test
    void addressNeverReadHasNoAnswers() {
        AddressResult gone = address(ExportFixtures.GONE);

        assertThat(RevocationView.FROM_REPORT.answers(gone)).isEmpty();
        assertThat(RevocationView.FROM_REPORT.stapleNextUpdate(gone)).isEmpty();
    }

    @Test
    void exporterWritesRevocationSeriesByDefault() {
        PrometheusExporter exporter =
                new PrometheusExporter(fixtures::snapshot, ExportFixtures.CLOCK, "1", LOADED);

        String text = exporter.scrape();

        assertThat(text)
                .contains(
                        "certgauge_revocation_status{address=\"127.0.0.1\",source=\"staple\","
                                + "status=\"good\",target=\"www.example.co.jp:443\"} 1.0")
                .contains(
                        "certgauge_ocsp_staple_next_update_timestamp_seconds"
                                + "{address=\"127.0.0.1\",target=\"www.example.co.jp:443\"}"
                                + " 1.796904E9");
    }

    @Test
    void exporterWithTheEmptyViewWritesNoRevocationSeries() {
        PrometheusExporter exporter =
                new PrometheusExporter(
                        fixtures::snapshot, ExportFixtures.CLOCK, "1", LOADED, RevocationView.NONE);

        String text = exporter.scrape();

        assertThat(text)
                .doesNotContain("certgauge_revocation_status")
                .doesNotContain("certgauge_ocsp_staple_next_update_timestamp_seconds");
    }
}
