package io.certgauge.export.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.certgauge.export.ExportFixtures;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code promtool check metrics} on the fixture's exposition. The {@code _days} gauges break
 * the base-unit lint rule on purpose (operators asked for days); every other rule must pass.
 * Skipped when promtool is missing, except under CI, where that fails.
 */
class PromtoolTest {

    /** promtool's complaint about a {@code _days} name, the only one we accept. */
    private static final String DAYS_RULE =
            "certgauge_[a-z_]+_days use base unit \"seconds\" instead of \"days\"";

    @Test
    void onlyTheDocumentedDaysRuleComplains() throws Exception {
        Optional<Path> promtool = onPath("promtool");
        if (System.getenv("CI") == null) {
            assumeThat(promtool).as("promtool is not installed; lint check skipped").isPresent();
        }
        assertThat(promtool).as("promtool must be installed under CI").isPresent();
        String exposition = PrometheusExporterTest.fixtureScrape(new ExportFixtures());

        Result result = run(promtool.get(), exposition);

        assertThat(result.exitCode()).as(result.output()).isIn(0, 3);
        assertThat(result.lines())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).matches(DAYS_RULE));
    }

    private record Result(int exitCode, String output) {
        List<String> lines() {
            return output.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static Result run(Path promtool, String input)
            throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(promtool.toString(), "check", "metrics")
                        .redirectErrorStream(true)
                        .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = process.getInputStream().readAllBytes();
        String output = new String(bytes, StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool did not finish within 30s");
        }
        return new Result(process.exitValue(), output);
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
