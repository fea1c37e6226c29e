package io.certgauge.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.testing.Programs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alert rules in {@code grafana/} as Prometheus's own tool judges and runs them. */
class PrometheusRulesTest {

    private static final Path RULES = Path.of("grafana", "alert-rules.yml");
    private static final Path RULE_TESTS = Path.of("grafana", "alert-rules.test.yml");

    @Test
    void alertRulesPassPromtoolCheck() throws Exception {
        Path promtool = Programs.require("promtool");

        Programs.Result result =
                Programs.run(List.of(promtool.toString(), "check", "rules", RULES.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertFiresAndStaysQuietAsItsUnitTestsExpect() throws Exception {
        Path promtool = Programs.require("promtool");

        Programs.Result result =
                Programs.run(List.of(promtool.toString(), "test", "rules", RULE_TESTS.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }
}
