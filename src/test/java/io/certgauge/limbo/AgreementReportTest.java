package io.certgauge.limbo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgreementReportTest {

    static LimboCase testcase(String id, String expected) {
        return new LimboCase(
                id, "", List.of(), "SERVER", List.of(), List.of(), "", null, expected, null, null,
                List.of(), List.of(), List.of());
    }

    static LimboHarness.Grade grade(String id, String expected, boolean accepted) {
        return new LimboHarness.Grade(
                testcase(id, expected),
                accepted,
                accepted ? "valid" : "untrusted: no acceptable path to a trust anchor: x");
    }

    /** {@code agreed} agreeing cases and {@code wrong} wrongly accepted ones of a family. */
    static List<LimboHarness.Grade> family(String prefix, int agreed, int wrong) {
        List<LimboHarness.Grade> grades = new ArrayList<>();
        for (int i = 0; i < agreed; i++) {
            grades.add(grade(prefix + "::ok" + i, "SUCCESS", true));
        }
        for (int i = 0; i < wrong; i++) {
            grades.add(grade(prefix + "::bad" + i, "FAILURE", true));
        }
        return grades;
    }

    @Nested
    class Figures {

        @ParameterizedTest(name = "{0} of {1} is {2} %")
        @CsvSource({
            "9748, 9770, 99.7",
            "9769, 9770, 99.9",
            "182,  198,  91.9",
            "179,  198,  90.4",
            "198,  198,  100.0",
        })
        void percentagesAreCutNotRounded(int agreed, int cases, String percent) {
            AgreementReport.Tally tally = new AgreementReport.Tally(cases, agreed, 0, 0);

            assertThat(tally.percent()).isEqualByComparingTo(percent);
        }

        @Test
        void firstLineRoundTrips() {
            AgreementReport.Figures figures =
                    new AgreementReport.Figures(new BigDecimal("99.7"), new BigDecimal("91.9"));

            assertThat(figures.firstLine())
                    .isEqualTo("agreement: all 99.7 %, x509-limbo own 91.9 %");
            assertThat(AgreementReport.parseFirstLine(figures.firstLine() + "\n\nmore"))
                    .contains(figures);
        }

        @Test
        void pageWithoutTheFirstLineHasNoFloor() {
            assertThat(AgreementReport.parseFirstLine("# Validation\nagreement: all 1.0 %"))
                    .isEmpty();
        }

        @ParameterizedTest(name = "measured {0}/{1} against floor {2}/{3}: {4}")
        @CsvSource({
            "99.7, 91.9, 99.7, 91.9, true",
            "99.8, 92.0, 99.7, 91.9, true",
            "99.6, 95.0, 99.7, 91.9, false",
            "99.9, 91.8, 99.7, 91.9, false",
        })
        void bothFiguresMustReachTheirFloor(
                String all, String own, String floorAll, String floorOwn, boolean reached) {
            AgreementReport.Figures measured =
                    new AgreementReport.Figures(new BigDecimal(all), new BigDecimal(own));
            AgreementReport.Figures floor =
                    new AgreementReport.Figures(new BigDecimal(floorAll), new BigDecimal(floorOwn));

            assertThat(measured.atLeast(floor)).isEqualTo(reached);
        }
    }

    @Nested
    class Page {

        final List<LimboHarness.Grade> grades = new ArrayList<>();

        {
            grades.addAll(family("bettertls::nameconstraints", 8, 1));
            grades.addAll(family("webpki", 3, 0));
            grades.addAll(family("rfc5280", 2, 0));
            grades.add(grade("rfc5280::strict", "SUCCESS", false));
        }

        final AgreementReport report =
                new AgreementReport(
                        grades, Map.of("bettertls::nameconstraints::bad0", "A written reason."));

        @Test
        void firstLineCarriesTheMeasuredFigures() {
            String page = report.render();

            assertThat(page.lines().findFirst())
                    .contains("agreement: all 86.6 %, x509-limbo own 83.3 %");
        }

        @Test
        void secondParagraphNamesTheRegenerateCommand() {
            String secondParagraph = report.render().split("\n\n")[1];

            assertThat(secondParagraph).contains("`" + AgreementReport.REGENERATE + "`");
        }

        @Test
        void familiesComeInTheDocumentedOrderWithTheirCounts() {
            String page = report.render();

            assertThat(page)
                    .contains(
                            "| `bettertls::nameconstraints` | 9 | 8 | 88.8 % | 1 | 0 |\n"
                                    + "| `rfc5280` | 3 | 2 | 66.6 % | 0 | 1 |\n"
                                    + "| `webpki` | 3 | 3 | 100.0 % | 0 | 0 |\n");
        }

        @Test
        void everyDisagreementIsListedWithItsReasonOrMarkedUnexplained() {
            String page = report.render();

            assertThat(page)
                    .contains(
                            "- `bettertls::nameconstraints::bad0` (expected FAILURE,"
                                    + " certgauge accepts): A written reason. Analyzer: valid\n");
            assertThat(page)
                    .contains(
                            "- `rfc5280::strict` (expected SUCCESS, certgauge"
                                    + " rejects): not yet explained. Analyzer: untrusted:");
            assertThat(report.disagreements()).hasSize(2);
        }
    }
}
