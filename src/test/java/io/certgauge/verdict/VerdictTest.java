package io.certgauge.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.chain.Finding;
import io.certgauge.chain.FindingCode;
import io.certgauge.export.ExportFixtures;
import io.certgauge.result.TargetResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerdictTest {

    private static final ExportFixtures FIXTURES = new ExportFixtures();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "www.example.co.jp:443,       OK",
        "expiring.example.co.jp:443,  WARNING",
        "mail.example.co.jp:587/smtp, CRITICAL",
        "例え.jp:443,                  CRITICAL",
        "lb.example.co.jp:443,        CRITICAL",
        "intranet,                    CRITICAL",
        "new.example.co.jp:443,       UNKNOWN",
    })
    void eachFixtureTargetGetsItsState(String id, Status expected) {
        Verdict verdict = Verdict.of(FIXTURES.result(id), ExportFixtures.CLOCK);

        assertThat(verdict.status()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} days left with -w 30 -c 7 is {1}")
    @CsvSource({
        "83.42, OK",
        "30.5,  OK",
        "29.9,  WARNING",
        "7.01,  WARNING",
        "6.99,  CRITICAL",
        "0.5,   CRITICAL",
        "-0.01, CRITICAL",
        "-400,  CRITICAL",
    })
    void daysLeftAgainstTheRanges(double daysLeft, Status expected) {
        Instant notAfter = Instant.parse("2027-02-25T00:00:00Z");
        long millis = Math.round(daysLeft * 86_400_000);
        Clock clock = Clock.fixed(notAfter.minusMillis(millis), ZoneOffset.UTC);

        Verdict verdict =
                Verdict.of(
                        FIXTURES.result(ExportFixtures.OK),
                        DaysRange.below(30),
                        DaysRange.below(7),
                        clock);

        assertThat(verdict.status()).isEqualTo(expected);
        assertThat(verdict.daysLeft())
                .hasValueCloseTo(daysLeft, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Nested
    class Findings {

        @Test
        void warningFindingRaisesAnOkTargetToWarning() {
            TargetResult ok = FIXTURES.result(ExportFixtures.OK);
            TargetResult withFinding = withTargetFinding(ok, FindingCode.INCONSISTENT_ADDRESSES);

            Verdict verdict = Verdict.of(withFinding, ExportFixtures.CLOCK);

            assertThat(verdict.status()).isEqualTo(Status.WARNING);
        }

        @Test
        void errorFindingIsCriticalWhateverTheDays() {
            TargetResult ok = FIXTURES.result(ExportFixtures.OK);
            TargetResult withFinding = withTargetFinding(ok, FindingCode.REVOKED);

            Verdict verdict = Verdict.of(withFinding, ExportFixtures.CLOCK);

            assertThat(verdict.status()).isEqualTo(Status.CRITICAL);
        }

        private TargetResult withTargetFinding(TargetResult result, FindingCode code) {
            return new TargetResult(
                    result.target(),
                    result.addresses(),
                    List.of(new Finding(code, "set by the test")),
                    result.probedAt(),
                    result.duration());
        }
    }

    @Nested
    class Days {

        @Test
        void daysLeftIsTheWorstAddressAndKeepsTheLastKnownChain() {
            Verdict lb = Verdict.of(FIXTURES.result(ExportFixtures.LB), ExportFixtures.CLOCK);
            Verdict mail = Verdict.of(FIXTURES.result(ExportFixtures.MAIL), ExportFixtures.CLOCK);

            assertThat(lb.daysLeft()).hasValue(4.42);
            assertThat(mail.daysLeft()).hasValue(26.42);
        }

        @Test
        void neverReadTargetHasNoDaysLeft() {
            Verdict gone = Verdict.of(FIXTURES.result(ExportFixtures.GONE), ExportFixtures.CLOCK);

            assertThat(gone.daysLeft()).isEmpty();
            assertThat(gone.chainDaysLeft()).isEmpty();
        }

        @Test
        void targetsOwnThresholdsApplyWhenNoneAreGiven() {
            Verdict intranet =
                    Verdict.of(FIXTURES.result(ExportFixtures.INTRANET), ExportFixtures.CLOCK);

            assertThat(intranet.warning()).hasToString("45:");
            assertThat(intranet.critical()).hasToString("10:");
        }
    }

    @Test
    void exitCodesAndWordsFollowThePluginGuidelines() {
        assertThat(Status.values())
                .extracting(Status::exitCode, Status::word, Status::lowerCase)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, "OK", "ok"),
                        org.assertj.core.groups.Tuple.tuple(1, "WARNING", "warning"),
                        org.assertj.core.groups.Tuple.tuple(2, "CRITICAL", "critical"),
                        org.assertj.core.groups.Tuple.tuple(3, "UNKNOWN", "unknown"));
    }
}
