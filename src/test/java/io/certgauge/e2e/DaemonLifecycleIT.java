package io.certgauge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certgauge.demo.DemoTlsServer;
import io.certgauge.demo.Pki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a process started from the jar, probing TLS servers that run in this JVM on
 * loopback: reload on SIGHUP, on a file change and on {@code POST /-/reload}; a broken file on
 * reload keeps the running targets; a broken file at start exits 2 with nothing listening; a server
 * that accepts and never answers times out without holding up the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaemonLifecycleIT {

    /** Reserved for testing (RFC 6761 section 6.2); the daemon is given 127.0.0.1 anyway. */
    private static final String DOMAIN = "lifecycle.certgauge.test";

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration RELOAD = Duration.ofSeconds(15);

    /** Longer than the file watcher's poll period of two seconds. */
    private static final Duration WATCHER_POLL = Duration.ofSeconds(3);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private final Map<String, DemoTlsServer> servers = new LinkedHashMap<>();
    private SilentServer silent;
    private JarProcess daemon;

    @BeforeAll
    void startServers(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        Instant now = Instant.now();
        Pki.Issued root =
                Pki.root("certgauge lifecycle test root")
                        .validFrom(now.minus(Duration.ofDays(30)))
                        .validFor(Duration.ofDays(3650))
                        .issue();
        Pki.writePem(dir.resolve("ca.pem"), root.certificate());
        for (String name : List.of("alpha", "beta", "gamma")) {
            Pki.Issued leaf =
                    Pki.leaf(name + "." + DOMAIN)
                            .issuedBy(root)
                            .validFrom(now.minus(Duration.ofDays(10)))
                            .validFor(Duration.ofDays(200))
                            .issue();
            servers.put(
                    name,
                    DemoTlsServer.start(
                            InetAddress.getLoopbackAddress(),
                            leaf.privateKey(),
                            List.of(leaf.certificate())));
        }
        silent = SilentServer.start();
    }

    @AfterEach
    void stopDaemon() throws InterruptedException {
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
    }

    @AfterAll
    void stopServers() throws IOException {
        for (DemoTlsServer server : servers.values()) {
            server.close();
        }
        if (silent != null) {
            silent.close();
        }
    }

    @Test
    void sighupReloadsTheFileAndTheDaemonKeepsRunning() throws Exception {
        Path file = writeWithRoom("sighup.yaml", targets("alpha"));
        daemon = serve(file);
        replaceUnnoticed(file, targets("alpha", "gamma"));
        Thread.sleep(WATCHER_POLL.toMillis());
        assertThat(discoveredIds()).as("the watcher cannot see this edit").containsExactly("alpha");

        daemon.hangUp();

        daemon.awaitBody("/zabbix/discovery", body -> body.contains("\"gamma\""), RELOAD);
        assertThat(discoveredIds()).containsExactlyInAnyOrder("alpha", "gamma");
        awaitSample("certgauge_probe_success", "gamma", 1.0);
        assertThat(daemon.isAlive()).as(daemon.transcript()).isTrue();
        assertThat(daemon.stderr()).contains("SIGHUP received");
    }

    @Test
    void aChangedFileIsReloadedAndRemovedTargetsDisappear() throws Exception {
        Path file = write("watched.yaml", targets("alpha", "beta"));
        daemon = serve(file);
        assertThat(sample(daemon.get("/metrics").body(), "certgauge_probe_success", "alpha"))
                .contains(1.0);

        write("watched.yaml", "# gamma replaces alpha\n" + targets("beta", "gamma"));

        daemon.awaitBody("/zabbix/discovery", body -> body.contains("\"gamma\""), RELOAD);
        assertThat(discoveredIds()).containsExactlyInAnyOrder("beta", "gamma");
        String metrics = awaitSample("certgauge_probe_success", "gamma", 1.0);
        assertThat(metrics).doesNotContain("target=\"alpha\"");
    }

    @Test
    void postReloadWithTheLifecycleFlagReloadsAtOnce() throws Exception {
        Path file = writeWithRoom("post.yaml", targets("alpha"));
        daemon = serve(file, "--web.enable-lifecycle");
        replaceUnnoticed(file, targets("alpha", "gamma"));

        JarProcess.Response response = daemon.post("/-/reload");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("reloaded\n");
        assertThat(discoveredIds()).containsExactlyInAnyOrder("alpha", "gamma");
    }

    @Test
    void postReloadWithoutTheLifecycleFlagIsRefused() throws Exception {
        Path file = writeWithRoom("no-lifecycle.yaml", targets("alpha"));
        daemon = serve(file);
        replaceUnnoticed(file, targets("alpha", "gamma"));

        JarProcess.Response response = daemon.post("/-/reload");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("--web.enable-lifecycle");
        assertThat(discoveredIds()).containsExactly("alpha");
    }

    @Test
    void aBrokenFileOnReloadKeepsTheRunningTargets() throws Exception {
        Path file = write("broken-later.yaml", targets("alpha", "beta"));
        daemon = serve(file, "--web.enable-lifecycle");
        assertThat(
                        sample(
                                daemon.get("/metrics").body(),
                                "certgauge_config_last_reload_successful",
                                null))
                .contains(1.0);

        write(
                "broken-later.yaml",
                targets("alpha", "beta")
                        + "  - name: gamma\n    host: 127.0.0.1\n    port: notaport\n");

        String metrics =
                daemon.awaitBody(
                        "/metrics",
                        body ->
                                sample(body, "certgauge_config_last_reload_successful", null)
                                        .equals(Optional.of(0.0)),
                        RELOAD);
        assertThat(sample(metrics, "certgauge_probe_success", "alpha")).contains(1.0);
        assertThat(sample(metrics, "certgauge_probe_success", "beta")).contains(1.0);
        assertThat(metrics).doesNotContain("target=\"gamma\"");
        assertThat(discoveredIds()).containsExactlyInAnyOrder("alpha", "beta");
        assertThat(daemon.stderr())
                .contains("keeping the running configuration")
                .contains(file + ":15: targets[2].port: \"notaport\" is not a port number");
        JarProcess.Response post = daemon.post("/-/reload");
        assertThat(post.status()).isEqualTo(500);
        assertThat(post.body())
                .contains("previous configuration keeps running")
                .contains(file + ":15: targets[2].port");
    }

    @Test
    void aBrokenFileAtStartExitsTwoAndNothingListens() throws Exception {
        Path file =
                write(
                        "broken.yaml",
                        """
                        targets:
                          - host: 127.0.0.1
                            port: 0
                          - host: 127.0.0.1
                            intervall: 5m
                        """);
        int port = JarProcess.freeLoopbackPort();

        Tools.Result result =
                Tools.run(
                        dir,
                        List.of(
                                Tools.java(),
                                "-jar",
                                Tools.jar().toAbsolutePath().toString(),
                                "serve",
                                "--config",
                                file.toString(),
                                "--listen",
                                "127.0.0.1:" + port));

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        List<String> problems =
                result.stderr().lines().filter(line -> line.startsWith(file.toString())).toList();
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith(file + ":3: targets[0].port: ");
        assertThat(problems.get(1)).startsWith(file + ":5: targets[1].intervall: ");
        assertThat(result.stderr()).doesNotContain("\tat ").doesNotContain("listening on");
        assertThat(result.stdout()).isEmpty();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithoutHoldingUpTheOthers() throws Exception {
        // One probe at a time with the silent server first: without a deadline on the
        // handshake the others would never be probed and the daemon would never be ready.
        StringBuilder yaml =
                new StringBuilder("concurrency: 1\n")
                        .append("defaults: {interval: 1h, timeout: 2s}\ntargets:\n");
        target(yaml, "silent", silent.port());
        target(yaml, "alpha", servers.get("alpha").port());
        target(yaml, "beta", servers.get("beta").port());
        Path file = write("silent.yaml", yaml.toString());

        daemon = serve(file);

        String metrics = daemon.get("/metrics").body();
        assertThat(sample(metrics, "certgauge_probe_success", "alpha")).contains(1.0);
        assertThat(sample(metrics, "certgauge_probe_success", "beta")).contains(1.0);
        assertThat(sample(metrics, "certgauge_probe_success", "silent")).contains(0.0);
        assertThat(metrics)
                .contains(
                        "certgauge_probe_error{address=\"127.0.0.1\","
                                + "reason=\"timeout\",target=\"silent\"} 1");
        assertThat(silent.accepted()).as("the silent server was reached").isPositive();
    }

    private JarProcess serve(Path file, String... extra) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of("serve", "--config", file.toString(), "--listen", "127.0.0.1:0"));
        args.addAll(List.of(extra));
        String name = file.getFileName().toString().replace(".yaml", "");
        daemon = JarProcess.start(dir, name, args.toArray(new String[0]));
        return daemon.awaitReady(START);
    }

    private String targets(String... names) {
        StringBuilder yaml =
                new StringBuilder("defaults: {interval: 1h, timeout: 5s}\n").append("targets:\n");
        for (String name : names) {
            target(yaml, name, servers.get(name).port());
        }
        return yaml.toString();
    }

    private static void target(StringBuilder yaml, String name, int port) {
        yaml.append("  - name: ")
                .append(name)
                .append('\n')
                .append("    host: 127.0.0.1\n")
                .append("    port: ")
                .append(port)
                .append('\n')
                .append("    sni: ")
                .append(name)
                .append('.')
                .append(DOMAIN)
                .append('\n')
                .append("    ca_file: ca.pem\n");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Writes the file with a trailing comment that later edits shrink to keep its size. */
    private Path writeWithRoom(String name, String text) throws IOException {
        return write(name, text + "#" + "-".repeat(600) + "\n");
    }

    /**
     * Replaces the file's content keeping its size and modification time, in one atomic rename. The
     * daemon's watcher compares exactly those two, so a reload the test then sees can only come
     * from the signal or the HTTP call under test.
     */
    private static void replaceUnnoticed(Path file, String text) throws IOException {
        long size = Files.size(file);
        FileTime modified = Files.getLastModifiedTime(file);
        int length = text.getBytes(StandardCharsets.UTF_8).length;
        if (length + 2 > size) {
            throw new IllegalStateException("no room left in " + file);
        }
        String padded = text + "#" + "-".repeat((int) size - length - 2) + "\n";
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, padded, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(next, modified);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private List<String> discoveredIds() throws Exception {
        JarProcess.Response response = daemon.get("/zabbix/discovery");
        assertThat(response.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(response.body())) {
            ids.add(entry.get("{#TARGET}").asText());
        }
        return ids;
    }

    private String awaitSample(String name, String target, double value) throws Exception {
        return daemon.awaitBody(
                "/metrics", body -> sample(body, name, target).equals(Optional.of(value)), RELOAD);
    }

    /** The value of a sample, for one target or for an unlabelled self-metric. */
    private static Optional<Double> sample(String metrics, String name, String target) {
        String labels =
                target == null ? "" : "\\{[^}]*target=\"" + Pattern.quote(target) + "\"[^}]*}";
        Matcher m =
                Pattern.compile("^" + name + labels + " (\\S+)$", Pattern.MULTILINE)
                        .matcher(metrics);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    /** Accepts TCP connections on loopback and never sends or reads a byte. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        private SilentServer(ServerSocket socket) {
            this.socket = socket;
        }

        static SilentServer start() throws IOException {
            SilentServer server =
                    new SilentServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread acceptor = new Thread(server::acceptLoop, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
            return server;
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return held.size();
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    held.add(socket.accept());
                } catch (IOException e) {
                    if (!socket.isClosed()) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
