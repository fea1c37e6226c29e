package io.certgauge.limbo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Grades certgauge against x509-limbo and holds it to the figures committed on the first line of
 * {@code docs/validation.md}. It writes its fresh report under {@code target/} and never rewrites
 * the committed page, so a run cannot lower its own bar.
 */
class LimboAgreementTest {

    static final Path COMMITTED = Path.of("docs", "validation.md");
    static final Path FRESH = Path.of("target", "limbo", "validation.md");

    @Test
    void agreementIsNotBelowTheCommittedFigures() throws IOException {
        AgreementReport.Figures floor =
                AgreementReport.parseFirstLine(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                COMMITTED
                                                        + " does not start with 'agreement: all"
                                                        + " NN.N %, x509-limbo own NN.N %'"));

        AgreementReport report = LimboRun.report();
        Files.createDirectories(FRESH.getParent());
        Files.writeString(FRESH, report.render(), StandardCharsets.UTF_8);

        assertThat(report.figures().atLeast(floor))
                .as(
                        "measured '%s' against the committed '%s'; see %s",
                        report.figures().firstLine(), floor.firstLine(), FRESH)
                .isTrue();
    }

    @Test
    void everyServerTestcaseIsGraded() {
        AgreementReport report = LimboRun.report();

        assertThat(report.all().cases()).isEqualTo(9_770);
        assertThat(report.own().cases()).isEqualTo(198);
    }

    @Test
    void noTestcaseMakesTheAnalyzerThrow() {
        AgreementReport report = LimboRun.report();

        assertThat(report.disagreements())
                .filteredOn(g -> g.said().startsWith("the Analyzer threw"))
                .isEmpty();
    }
}
