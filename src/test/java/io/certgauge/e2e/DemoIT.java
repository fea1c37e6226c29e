package io.certgauge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * {@code certgauge demo} from the jar, as a newcomer runs it: it must come up offline, show every
 * finding it advertises in {@code /metrics}, and print a {@code check --from} line that works when
 * pasted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoIT {

    private static final Pattern READY =
            Pattern.compile("^Stop with Ctrl-C\\.$", Pattern.MULTILINE);
    private static final Pattern STATUS_PAGE =
            Pattern.compile("^Status page: +(http://\\S+)/$", Pattern.MULTILINE);
    private static final Pattern CHECK_FROM =
            Pattern.compile("check --from (\\S+) --target (\\S+);");

    private Path dir;
    private JarProcess demo;
    private String metrics;

    @BeforeAll
    void startDemo(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        int port = JarProcess.freeLoopbackPort();
        demo =
                JarProcess.start(
                        dir,
                        "demo",
                        "demo",
                        "--listen",
                        "127.0.0.1:" + port,
                        "--dir",
                        dir.resolve("demo-files").toString());

        demo.awaitOutput(demo::stdout, READY, Instant.now().plus(Duration.ofSeconds(60)));

        Matcher base = STATUS_PAGE.matcher(demo.stdout());
        assertThat(base.find()).as(demo.transcript()).isTrue();
        assertThat(base.group(1)).isEqualTo("http://127.0.0.1:" + port);
        demo.baseUrl(base.group(1));
        metrics = demo.get("/metrics").body();
    }

    @AfterAll
    void stopDemo() throws InterruptedException {
        if (demo != null) {
            demo.close();
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "expired,            expired",
        "hostname_mismatch,  wrong-host",
        "self_signed,        self-signed",
        "incomplete_chain,   incomplete-chain",
        "renewal_overdue,    renewal-overdue",
        "expired_extra_cert, expired-cross-root",
        "chain_order,        chain-order",
    })
    void metricsShowEachFindingTheDemoAdvertises(String code, String target) {
        assertThat(metrics)
                .contains(
                        "certgauge_validation_error{address=\"127.0.0.1\",error=\""
                                + code
                                + "\",target=\""
                                + target
                                + "\"} 1");
        assertThat(demo.stdout()).contains(code);
    }

    @Test
    void theHealthyEndpointHasNoFinding() {
        assertThat(metrics)
                .contains("certgauge_chain_valid{address=\"127.0.0.1\",target=\"valid\"} 1")
                .doesNotContainPattern("certgauge_validation_error\\{[^}]*target=\"valid\"");
    }

    @Test
    void thePrintedCheckFromLineGivesWarning() throws Exception {
        Matcher line = CHECK_FROM.matcher(demo.stdout());
        assertThat(line.find()).as(demo.stdout()).isTrue();

        Tools.Result result =
                Tools.run(
                        dir,
                        List.of(
                                Tools.java(),
                                "-jar",
                                Tools.jar().toAbsolutePath().toString(),
                                "check",
                                "--from",
                                line.group(1),
                                "--target",
                                line.group(2)));

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
        assertThat(result.stdout()).startsWith("CERTGAUGE WARNING - " + line.group(2) + " ");
    }
}
