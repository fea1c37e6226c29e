package io.certgauge.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code certgauge check} as a Nagios plugin host runs it: the exit code is the state, and the
 * first line on stdout says why, bad arguments included (Nagios plugin guidelines).
 */
class CheckCommandTest {

    private static final String UNKNOWN = "CERTGAUGE UNKNOWN - ";

    @Nested
    class BadArgumentsAreUnknown {

        @ParameterizedTest(name = "check {0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "''                                | no host given",
                    "-H 127.0.0.1 -w abc               | invalid range 'abc'",
                    "-H 127.0.0.1 -c 5:1               | invalid range '5:1'",
                    "-H 127.0.0.1 --no-such-option     | Unknown option: '--no-such-option'",
                    "-H 127.0.0.1 -w                   | Missing required parameter for option '-",
                    "-H 127.0.0.1 -t 0                 | must be more than zero",
                    "-H 127.0.0.1 --starttls gopher    | \"gopher\" is not a STARTTLS protocol",
                    "-H 127.0.0.1 --target web         | --target goes with --from",
                    "--from http://127.0.0.1:1         | --from needs --target ID",
                })
        void exitsThreeWithTheProblemOnTheFirstLine(String args, String problem) {
            Console.Output run = Console.run(arguments("check " + args));

            assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
            assertThat(run.firstLine()).startsWith(UNKNOWN).contains(problem);
            assertThat(run.err()).as("a plugin host reads stdout only").isEmpty();
        }

        @Test
        void helpIsUnknownAndStillShowsTheUsage() {
            Console.Output run = Console.run("check", "--help");

            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.firstLine()).startsWith(UNKNOWN);
            assertThat(run.out()).contains("Usage: certgauge check").contains("--ca-file");
        }

        @Test
        void versionIsUnknownAndNamesTheVersion() {
            Console.Output run = Console.run("check", "--version");

            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.firstLine()).startsWith(UNKNOWN + "certgauge ");
        }
    }

    @Nested
    class FromADaemon {

        @Test
        void anUnreachableDaemonIsUnknown() throws IOException {
            int port = TlsServers.closedPort();

            Console.Output run =
                    Console.run(
                            "check",
                            "--from",
                            "http://127.0.0.1:" + port,
                            "--target",
                            "web",
                            "-t",
                            "5");

            assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
            assertThat(run.firstLine())
                    .isEqualTo(
                            UNKNOWN
                                    + "cannot read http://127.0.0.1:"
                                    + port
                                    + ": cannot connect (refused or unreachable)");
        }

        @Test
        void controlCharactersInTheDaemonsAnswerAreNotPrinted() throws IOException {
            HttpServer server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(
                    "/",
                    exchange -> {
                        byte[] body =
                                "CERTGAUGE OK - web \u001b[2Jexpires\r in 9 days\u009b\nchain\n"
                                        .getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
            server.start();
            try {
                String base = "http://127.0.0.1:" + server.getAddress().getPort();

                Console.Output run = Console.run("check", "--from", base, "--target", "web");

                assertThat(run.exitCode()).as(run.transcript()).isZero();
                assertThat(run.out()).isEqualTo("CERTGAUGE OK - web [2Jexpires in 9 days\nchain\n");
            } finally {
                server.stop(0);
            }
        }

        @Test
        void aServerThatIsNotCertgaugeIsUnknown() throws IOException {
            HttpServer server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(
                    "/",
                    exchange -> {
                        byte[] body = "<html>not here</html>".getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(404, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
            server.start();
            try {
                String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";

                Console.Output run = Console.run("check", "--from", base, "--target", "web");

                assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
                assertThat(run.firstLine())
                        .startsWith(UNKNOWN)
                        .contains("HTTP 404, not a certgauge daemon");
            } finally {
                server.stop(0);
            }
        }

        @Test
        @Timeout(
                value = 20,
                unit = TimeUnit.SECONDS,
                threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void aDaemonThatNeverFinishesItsAnswerIsUnknownAtTheTimeout() throws IOException {
            // The request timeout of the JDK's client ends with the headers; a body that drips
            // used to hold the plugin until Nagios killed it.
            CountDownLatch release = new CountDownLatch(1);
            HttpServer server =
                    pluginServer(
                            exchange -> {
                                exchange.sendResponseHeaders(200, 0);
                                exchange.getResponseBody()
                                        .write("CERTGAUGE OK - web".getBytes(UTF_8));
                                exchange.getResponseBody().flush();
                                awaitQuietly(release);
                                exchange.close();
                            });
            try {
                String base = "http://127.0.0.1:" + server.getAddress().getPort();

                Console.Output run =
                        Console.run("check", "--from", base, "--target", "web", "-t", "1");

                assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
                assertThat(run.firstLine())
                        .isEqualTo(UNKNOWN + "cannot read " + base + ": request timed out");
            } finally {
                release.countDown();
                server.stop(0);
            }
        }

        @Test
        void anOversizedAnswerIsUnknownInsteadOfReadIntoMemory() throws IOException {
            HttpServer server =
                    pluginServer(
                            exchange -> {
                                exchange.sendResponseHeaders(200, 0);
                                exchange.getResponseBody()
                                        .write("CERTGAUGE OK - web\n".getBytes(UTF_8));
                                byte[] filler = new byte[64 * 1024];
                                java.util.Arrays.fill(filler, (byte) 'y');
                                for (int i = 0; i < 40; i++) {
                                    exchange.getResponseBody().write(filler);
                                }
                                exchange.close();
                            });
            try {
                String base = "http://127.0.0.1:" + server.getAddress().getPort();

                Console.Output run = Console.run("check", "--from", base, "--target", "web");

                assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
                assertThat(run.firstLine())
                        .isEqualTo(
                                UNKNOWN
                                        + "cannot read "
                                        + base
                                        + ": answer larger than 1 MiB, not a certgauge daemon");
            } finally {
                server.stop(0);
            }
        }

        private HttpServer pluginServer(HttpHandler handler) throws IOException {
            HttpServer server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(
                    "/",
                    exchange -> {
                        try {
                            handler.handle(exchange);
                        } catch (IOException e) {
                            exchange.close(); // the client gave up first
                        }
                    });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return server;
        }

        private void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AgainstATlsServer {

        private TlsServers servers;
        private TlsServers.Server healthy;
        private TlsServers.Server expiring;
        private TlsServers.Server almostExpired;
        private TlsServers.Server expired;
        private TlsServers.Server wrongName;

        @BeforeAll
        void startServers(@TempDir Path dir) throws Exception {
            servers = new TlsServers(dir, Instant.now());
            healthy = servers.start("healthy", -10, 200);
            expiring = servers.start("expiring", -345, 20);
            almostExpired = servers.start("almost-expired", -360, 3);
            expired = servers.start("expired", -368, -3);
            wrongName = servers.start("wrong-name", "other." + TlsServers.DOMAIN, -10, 200);
        }

        @AfterAll
        void stopServers() throws IOException {
            if (servers != null) {
                servers.close();
            }
        }

        @ParameterizedTest(name = "{0} with -w {1} -c {2}: {3}")
        @CsvSource({
            "healthy,        30, 7,  0, OK,       199.9",
            "expiring,       30, 7,  1, WARNING,  19.9",
            "expiring,       10, 5,  0, OK,       19.9",
            "expiring,       60, 25, 2, CRITICAL, 19.9",
            "almost-expired, 30, 7,  2, CRITICAL, 2.9",
            "expired,        30, 7,  2, CRITICAL, -3.1",
        })
        void theStateFollowsTheDaysLeft(
                String name,
                String warning,
                String critical,
                int exitCode,
                String state,
                double days) {
            TlsServers.Server server = byName(name);

            Console.Output run = check(server, "-w", warning, "-c", critical);

            assertThat(run.exitCode()).as(run.transcript()).isEqualTo(exitCode);
            assertThat(run.firstLine())
                    .startsWith("CERTGAUGE " + state + " - 127.0.0.1:" + server.port() + " ");
            assertThat(perfdataDays(run.firstLine())).isCloseTo(days, within(0.2));
            assertThat(run.firstLine()).contains(";" + warning + ":;" + critical + ":;");
        }

        @Test
        void anExpiredCertificateNamesTheFinding() {
            Console.Output run = check(expired);

            assertThat(run.firstLine()).contains("expired 3.").contains("findings: expired");
        }

        @Test
        void aCertificateForAnotherNameIsCritical() {
            Console.Output run = check(wrongName);

            assertThat(run.exitCode()).as(run.transcript()).isEqualTo(2);
            assertThat(run.firstLine())
                    .startsWith("CERTGAUGE CRITICAL - ")
                    .contains("findings: hostname_mismatch");
        }

        @Test
        void aHealthyChainIsShownAsTrusted() {
            Console.Output run = check(healthy);

            assertThat(run.out())
                    .contains(
                            "chain: CN=healthy."
                                    + TlsServers.DOMAIN
                                    + " <- CN=certgauge cli test root (trusted)");
        }

        @Test
        void withoutTheCaFileTheChainIsUntrustedAndCritical() {
            Console.Output run =
                    Console.run(
                            "check",
                            "-H",
                            "127.0.0.1",
                            "-p",
                            healthy.portText(),
                            "--sni",
                            healthy.sni(),
                            "-t",
                            "5");

            assertThat(run.exitCode()).as(run.transcript()).isEqualTo(2);
            assertThat(run.firstLine()).contains("findings: untrusted");
        }

        @Test
        void aPortNobodyListensOnIsCriticalRefused() throws IOException {
            int port = TlsServers.closedPort();

            Console.Output run =
                    Console.run("check", "-H", "127.0.0.1", "-p", String.valueOf(port), "-t", "5");

            assertThat(run.exitCode()).as(run.transcript()).isEqualTo(2);
            assertThat(run.firstLine())
                    .startsWith(
                            "CERTGAUGE CRITICAL - 127.0.0.1:" + port + " probe failed (refused)");
        }

        @Test
        void verboseMayBeRepeatedAsThePluginGuidelinesAllow() throws IOException {
            // Plugin hosts pass -vv or -vvv for more detail; that used to be UNKNOWN.
            int port = TlsServers.closedPort();

            Console.Output run =
                    Console.run(
                            "check",
                            "-H",
                            "127.0.0.1",
                            "-p",
                            String.valueOf(port),
                            "-t",
                            "5",
                            "-vvv");

            assertThat(run.exitCode()).as(run.transcript()).isEqualTo(2);
            assertThat(run.firstLine())
                    .startsWith(
                            "CERTGAUGE CRITICAL - 127.0.0.1:" + port + " probe failed (refused)");
        }

        private Console.Output check(TlsServers.Server server, String... more) {
            String[] base = {
                "check",
                "-H",
                "127.0.0.1",
                "-p",
                server.portText(),
                "--sni",
                server.sni(),
                "--ca-file",
                servers.caFile().toString(),
                "-t",
                "5"
            };
            String[] args = new String[base.length + more.length];
            System.arraycopy(base, 0, args, 0, base.length);
            System.arraycopy(more, 0, args, base.length, more.length);
            return Console.run(args);
        }

        private TlsServers.Server byName(String name) {
            return switch (name) {
                case "healthy" -> healthy;
                case "expiring" -> expiring;
                case "almost-expired" -> almostExpired;
                case "expired" -> expired;
                default -> throw new IllegalArgumentException(name);
            };
        }
    }

    private static double perfdataDays(String statusLine) {
        Matcher m = Pattern.compile("\\| days=(-?[0-9.]+);").matcher(statusLine);
        assertThat(m.find()).as("perfdata days in %s", statusLine).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static String[] arguments(String line) {
        return line.strip().split("\\s+");
    }
}
