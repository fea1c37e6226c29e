package io.certgauge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.demo.DemoTlsServer;
import io.certgauge.demo.Pki;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code nagios/check_certgauge}, run with {@code sh}, against a daemon started from the jar that
 * probes a TLS server in this JVM: it prints what {@code check --from} prints and exits with the
 * same state, and it is UNKNOWN (3) when the daemon cannot be reached, the target is unknown or an
 * argument is wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckCertgaugeScriptIT {

    /** Reserved for testing (RFC 6761 section 6.2); the daemon is given 127.0.0.1 anyway. */
    private static final String DOMAIN = "script.certgauge.test";

    /** Needs URL encoding: a space, a slash, an ampersand and non-ASCII letters. */
    private static final String TARGET = "web shop/本店 & co";

    private static final Path SCRIPT = Path.of("nagios", "check_certgauge").toAbsolutePath();

    private Path dir;
    private DemoTlsServer server;
    private JarProcess daemon;
    private String from;

    @BeforeAll
    void startDaemon(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        Instant now = Instant.now();
        Pki.Issued root =
                Pki.root("certgauge script test root")
                        .validFrom(now.minus(Duration.ofDays(30)))
                        .validFor(Duration.ofDays(3650))
                        .issue();
        Pki.writePem(dir.resolve("ca.pem"), root.certificate());
        Pki.Issued leaf =
                Pki.leaf("shop." + DOMAIN)
                        .issuedBy(root)
                        .validFrom(now.minus(Duration.ofDays(10)))
                        .validFor(Duration.ofDays(200))
                        .issue();
        server =
                DemoTlsServer.start(
                        InetAddress.getLoopbackAddress(),
                        leaf.privateKey(),
                        List.of(leaf.certificate()));
        // The target's own warning threshold lies beyond the 190 days left, so the plain check
        // is WARNING only if the target's thresholds reach the plugin.
        String yaml =
                "defaults: {interval: 1h, timeout: 5s}\n"
                        + "targets:\n"
                        + "  - name: \""
                        + TARGET
                        + "\"\n"
                        + "    host: 127.0.0.1\n"
                        + "    port: "
                        + server.port()
                        + "\n"
                        + "    sni: shop."
                        + DOMAIN
                        + "\n"
                        + "    ca_file: ca.pem\n"
                        + "    warning_days: 300\n"
                        + "    critical_days: 7\n";
        Path file = Files.writeString(dir.resolve("targets.yaml"), yaml, StandardCharsets.UTF_8);
        daemon =
                JarProcess.start(
                        dir,
                        "serve",
                        "serve",
                        "--config",
                        file.toString(),
                        "--listen",
                        "127.0.0.1:0");
        daemon.awaitReady(Duration.ofSeconds(60));
        from = daemon.baseUrl();
    }

    @AfterAll
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "                     | 1 | WARNING",
                "-w 30 -c 7           | 0 | OK",
                "-w 400 -c 365        | 2 | CRITICAL",
                "--warning=30:        | 0 | OK",
            })
    void printsWhatCheckFromPrintsAndExitsWithItsState(
            String thresholds, int exitCode, String state) throws Exception {
        List<String> args = new ArrayList<>(List.of("--from", from, "--target", TARGET));
        if (thresholds != null) {
            args.addAll(List.of(thresholds.split(" ")));
        }

        Tools.Result before = script(args);
        Tools.Result check = checkFrom(args);
        Tools.Result after = script(args);

        // Days left are rounded to a hundredth of a day: a run that straddles a step differs
        // from one of the two script runs around it, never from both.
        assertThat(check.stdout()).isIn(before.stdout(), after.stdout());
        assertThat(before.stdout()).startsWith("CERTGAUGE " + state + " - " + TARGET + " ");
        assertThat(before.exitCode()).as(before.stdout()).isEqualTo(exitCode);
        assertThat(check.exitCode()).as(check.stdout()).isEqualTo(exitCode);
        assertThat(before.stderr()).isEmpty();
    }

    @Test
    void anUnknownTargetIsUnknownAsWithCheckFrom() throws Exception {
        List<String> args = List.of("--from", from, "--target", "no-such-target");

        Tools.Result result = script(args);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout())
                .isEqualTo("CERTGAUGE UNKNOWN - no target 'no-such-target' in the configuration\n")
                .isEqualTo(checkFrom(args).stdout());
    }

    @Test
    void aDaemonThatCannotBeReachedIsUnknown() throws Exception {
        String nobody = "http://127.0.0.1:" + JarProcess.freeLoopbackPort();
        List<String> args = List.of("--from", nobody, "--target", TARGET, "-t", "5");

        Tools.Result result = script(args);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout())
                .startsWith("CERTGAUGE UNKNOWN - cannot read " + nobody + ": ")
                .isEqualTo(checkFrom(args).stdout());
    }

    @Test
    void anAnswerThatIsNotCertgaugesIsUnknown() throws Exception {
        Tools.Result result = script(List.of("--from", from + "/metrics", "--target", TARGET));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout())
                .isEqualTo(
                        "CERTGAUGE UNKNOWN - cannot read "
                                + from
                                + "/metrics: HTTP 404, not a certgauge daemon\n");
    }

    @ParameterizedTest(name = "[{0}] -> UNKNOWN: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "                                   | --from URL is missing",
                "--from FROM                        | --from needs --target ID",
                "--from FROM --target               | --target needs a value",
                "--from FROM --target x --bogus     | unknown argument '--bogus'",
                "--from FROM --target x -t soon     | -t 'soon' is not a number of seconds",
                "--from FROM --target x -t 0        | -t '0' must be above zero",
                "--from ftp://x --target x          | --from 'ftp://x' is not an http://",
                "--from FROM --target ID -w abc     | invalid range 'abc'",
                "--help                             | usage: check_certgauge --from URL",
            })
    void badArgumentsAreUnknownOnOneLine(String args, String problem) throws Exception {
        List<String> command = new ArrayList<>();
        if (args != null) {
            for (String arg : args.split(" ")) {
                command.add(arg.equals("FROM") ? from : arg.equals("ID") ? TARGET : arg);
            }
        }

        Tools.Result result = script(command);

        assertThat(result.exitCode()).as(result.stdout()).isEqualTo(3);
        assertThat(result.stdout()).startsWith("CERTGAUGE UNKNOWN - " + problem);
        assertThat(result.stdout().lines()).hasSize(1);
    }

    private Tools.Result script(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Tools.require("sh").toString()));
        Tools.require("curl");
        command.add(SCRIPT.toString());
        command.addAll(args);
        return Tools.run(dir, command);
    }

    private Tools.Result checkFrom(List<String> args) throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Tools.java(),
                                "-jar",
                                Tools.jar().toAbsolutePath().toString(),
                                "check"));
        command.addAll(args);
        return Tools.run(dir, command);
    }
}
