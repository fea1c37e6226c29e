package io.certgauge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.certgauge.demo.DemoTlsServer;
import io.certgauge.demo.Pki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --starttls smtp} from the built jar against a real SMTP server on loopback: Debian's
 * aiosmtpd, offering STARTTLS with a chain made here. Then a TLS-1.0-only server, to see {@code
 * deprecated_protocol} reach the plugin output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpStartTlsEndToEndIT {

    /** Debian's interpreter: the one its python3-aiosmtpd package installs for. */
    private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    private static final String MAIL_NAME = "mail.e2e.certgauge.test";

    @TempDir static Path dir;
    private Process smtpd;
    private int port;
    private Pki.Issued root;
    private Pki.Issued intermediate;
    private Pki.Issued leaf;
    private Path caFile;

    @BeforeAll
    void startSmtpServer() throws Exception {
        Path python = requireAiosmtpd();
        Instant now = Instant.now();
        root =
                Pki.root("E2E Mail Root")
                        .validFrom(now.minus(Duration.ofDays(30)))
                        .validFor(Duration.ofDays(3650))
                        .issue();
        intermediate =
                Pki.intermediate("E2E Mail Intermediate", root)
                        .validFrom(now.minus(Duration.ofDays(30)))
                        .validFor(Duration.ofDays(1825))
                        .issue();
        leaf =
                Pki.leaf(MAIL_NAME)
                        .issuedBy(intermediate)
                        .validFrom(now.minus(Duration.ofDays(1)))
                        .validFor(Duration.ofDays(121))
                        .issue();
        caFile = Pki.writePem(dir.resolve("ca.pem"), root.certificate());
        Path chain =
                Pki.writePem(
                        dir.resolve("chain.pem"), leaf.certificate(), intermediate.certificate());
        Path key = dir.resolve("key.pem");
        Files.writeString(key, Pki.pem(leaf.privateKey()), StandardCharsets.US_ASCII);

        port = Tools.freePort();
        smtpd =
                new ProcessBuilder(
                                python.toString(),
                                "-m",
                                "aiosmtpd",
                                "-n",
                                "-l",
                                "127.0.0.1:" + port,
                                "--tlscert",
                                chain.toString(),
                                "--tlskey",
                                key.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("smtpd.log").toFile())
                        .start();
        awaitGreeting();
    }

    @AfterAll
    void stop() throws Exception {
        if (smtpd != null) {
            smtpd.destroy();
            smtpd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void checkReadsTheChainAfterSmtpStartTls() throws Exception {
        Tools.Result result =
                check(
                        "127.0.0.1",
                        port,
                        "--starttls",
                        "smtp",
                        "--sni",
                        MAIL_NAME,
                        "--ca-file",
                        caFile.toString());

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout())
                .startsWith("CERTGAUGE OK - ")
                .contains(
                        "chain: CN="
                                + MAIL_NAME
                                + " <- CN=E2E Mail Intermediate"
                                + " <- CN=E2E Mail Root (trusted)");
        assertThat(daysIn(result.stdout())).isCloseTo(daysUntil(leaf), within(1.0));
    }

    @Test
    void checkWithoutStartTlsOnTheSmtpPortIsAHandshakeFailure() throws Exception {
        Tools.Result result = check("127.0.0.1", port, "--sni", MAIL_NAME);

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(2);
        assertThat(result.stdout()).startsWith("CERTGAUGE CRITICAL - ").contains("handshake");
    }

    @Test
    void checkOfAServerLimitedToTls10WarnsOfTheDeprecatedProtocol() throws Exception {
        // The test JVM's TLS policy is relaxed before any test runs, so TLS 1.0 can be served.
        try (DemoTlsServer old =
                DemoTlsServer.start(
                        InetAddress.getByName("127.0.0.1"),
                        leaf.privateKey(),
                        List.of(leaf.certificate(), intermediate.certificate()),
                        List.of("TLSv1"))) {
            Tools.Result result =
                    check(
                            "127.0.0.1",
                            old.port(),
                            "--sni",
                            MAIL_NAME,
                            "--ca-file",
                            caFile.toString());

            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
            assertThat(result.stdout())
                    .startsWith("CERTGAUGE WARNING - ")
                    .contains("findings: deprecated_protocol")
                    .contains("deprecated_protocol: the server's best protocol is TLSv1");
        }
    }

    private Tools.Result check(String host, int port, String... options)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Tools.java(),
                                "-jar",
                                Tools.jar().toAbsolutePath().toString(),
                                "check",
                                "-H",
                                host,
                                "-p",
                                String.valueOf(port),
                                "-t",
                                "10",
                                "--no-revocation"));
        command.addAll(List.of(options));
        return Tools.run(dir, command);
    }

    /**
     * Debian's {@code /usr/bin/python3} with the aiosmtpd module; skips the test when either is
     * missing, or fails it when {@code CI} is set, as {@link Tools#require} does for programs.
     */
    private static Path requireAiosmtpd() throws IOException, InterruptedException {
        boolean present =
                Files.isExecutable(SYSTEM_PYTHON)
                        && new ProcessBuilder(SYSTEM_PYTHON.toString(), "-c", "import aiosmtpd")
                                        .redirectErrorStream(true)
                                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                        .start()
                                        .waitFor()
                                == 0;
        if (!present) {
            String message =
                    SYSTEM_PYTHON
                            + " with aiosmtpd is not installed; install"
                            + " python3-aiosmtpd with .ci/run's apt-get line";
            if (System.getenv("CI") != null) {
                fail(message + " (CI is set, so a missing program fails the run)");
            }
            assumeTrue(false, message);
        }
        return SYSTEM_PYTHON;
    }

    /** Waits until the server greets with 220 on a plain connection. */
    private void awaitGreeting() throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            assertThat(smtpd.isAlive())
                    .as("aiosmtpd exited: %s", Files.readString(dir.resolve("smtpd.log")))
                    .isTrue();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                String greeting =
                        new BufferedReader(
                                        new InputStreamReader(
                                                socket.getInputStream(), StandardCharsets.US_ASCII))
                                .readLine();
                if (greeting != null && greeting.startsWith("220")) {
                    return;
                }
            } catch (IOException notYetListening) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError(
                "aiosmtpd did not greet on port "
                        + port
                        + ": "
                        + Files.readString(dir.resolve("smtpd.log")));
    }

    private static double daysIn(String pluginOutput) {
        Matcher days = Pattern.compile("\\| days=(-?[0-9.]+);").matcher(pluginOutput);
        assertThat(days.find()).as(pluginOutput).isTrue();
        return Double.parseDouble(days.group(1));
    }

    private static double daysUntil(Pki.Issued cert) {
        Instant notAfter = cert.certificate().getNotAfter().toInstant();
        return Duration.between(Instant.now(), notAfter).toSeconds() / 86400.0;
    }
}
