package io.certgauge.export.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.export.ExportFixtures;
import io.certgauge.export.Golden;
import io.certgauge.probe.ProbeErrorReason;
import io.certgauge.probe.ProbeFailed;
import io.certgauge.result.AddressResult;
import io.certgauge.result.TargetResult;
import io.certgauge.verdict.DaysRange;
import io.certgauge.verdict.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NagiosReportTest {

    private final ExportFixtures fixtures = new ExportFixtures();
    private final NagiosReport report =
            new NagiosReport(ExportFixtures.CLOCK, ExportFixtures.TOKYO);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "www.example.co.jp:443,       OK,       ok.txt",
        "expiring.example.co.jp:443,  WARNING,  warning.txt",
        "lb.example.co.jp:443,        CRITICAL, critical-two-addresses.txt",
        "intranet,                    CRITICAL, critical-findings.txt",
        "mail.example.co.jp:587/smtp, CRITICAL, failed-after-success.txt",
        "例え.jp:443,                  CRITICAL, dns-failure.txt",
        "new.example.co.jp:443,       UNKNOWN,  pending.txt",
    })
    void eachStateRendersAsItsGoldenFile(String id, Status status, String golden) {
        PluginOutput output = report.render(fixtures.result(id));

        assertThat(output.status()).isEqualTo(status);
        assertThat(output.exitCode()).isEqualTo(status.exitCode());
        Golden.assertMatches("nagios/" + golden, output.text());
    }

    @Test
    void statusLineMatchesTheContractExampleForAnExpiringCertificate() {
        PluginOutput output = report.render(fixtures.result(ExportFixtures.EXPIRING));

        assertThat(output.firstLine())
                .startsWith(
                        "CERTGAUGE WARNING - expiring.example.co.jp:443 expires in 19.42 days"
                                + " (2026-12-23 09:00 +09:00), issuer R11")
                .endsWith("| days=19.42;30:;7:;; chain_days=19.42;30:;7:;; time=0.084s;;;0;");
    }

    @Nested
    class Thresholds {

        @Test
        void givenRangesReplaceTheTargetsOwn() {
            TargetResult ok = fixtures.result(ExportFixtures.OK);

            PluginOutput output = report.render(ok, DaysRange.parse("90"), DaysRange.parse("7.5"));

            assertThat(output.status()).isEqualTo(Status.WARNING);
            assertThat(output.firstLine()).contains("days=83.42;90:;7.5:;;");
        }

        @Test
        void targetsOwnThresholdsAreWrittenInItsPerfdata() {
            PluginOutput output = report.render(fixtures.result(ExportFixtures.INTRANET));

            assertThat(output.firstLine()).contains("days=488.42;45:;10:;;");
        }
    }

    @Nested
    class Expired {

        @Test
        void expiredLeafSaysHowLongAgoAndIsCritical() {
            Clock later = Clock.fixed(Instant.parse("2027-02-28T06:00:00Z"), ZoneOffset.UTC);
            NagiosReport inUtc = new NagiosReport(later, ZoneOffset.UTC);

            PluginOutput output = inUtc.render(fixtures.result(ExportFixtures.OK));

            assertThat(output.status()).isEqualTo(Status.CRITICAL);
            assertThat(output.firstLine())
                    .isEqualTo(
                            "CERTGAUGE CRITICAL - www.example.co.jp:443 expired 3.25 days ago"
                                    + " (2027-02-25 00:00 +00:00), issuer R11 | days=-3.25;30:;7:;;"
                                    + " chain_days=-3.25;30:;7:;; time=0.084s;;;0;");
        }
    }

    @Nested
    class Text {

        @Test
        void pipeInAMessageCannotStartPerfdata() {
            TargetResult gone = fixtures.result(ExportFixtures.GONE);
            ProbeFailed failed =
                    new ProbeFailed(
                            "",
                            Instant.EPOCH,
                            Duration.ZERO,
                            ProbeErrorReason.DNS,
                            "resolver said a|b\nand more");
            TargetResult odd =
                    new TargetResult(
                            gone.target(),
                            List.of(new AddressResult("", failed, null, null)),
                            List.of(),
                            gone.probedAt(),
                            gone.duration());

            PluginOutput output = report.render(odd);

            assertThat(output.text())
                    .isEqualTo(
                            "CERTGAUGE CRITICAL - 例え.jp:443 probe failed (dns): resolver said"
                                    + " a/b and more | time=0.002s;;;0;\n");
        }

        @Test
        void unknownProblemIsOneUnknownLine() {
            PluginOutput output = NagiosReport.unknown("no target 'x' in the configuration");

            assertThat(output.exitCode()).isEqualTo(3);
            assertThat(output.text())
                    .isEqualTo("CERTGAUGE UNKNOWN - no target 'x' in the configuration\n");
        }
    }
}
