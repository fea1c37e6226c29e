package io.certgauge.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-running certgauge process ({@code serve} or {@code demo}) started from the built jar, with
 * its stdout and stderr in files and a small HTTP client for its endpoints. Closing it stops the
 * process: SIGTERM first, so the shutdown hook runs, then a forced kill if it hangs.
 */
final class JarProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]+:(\\d+)");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String baseUrl;

    private JarProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** An HTTP answer. */
    record Response(int status, String body) {}

    /** Starts {@code java -jar certgauge.jar ARGS...}, its output in {@code dir}. */
    static JarProcess start(Path dir, String name, String... args) throws IOException {
        List<String> command =
                new ArrayList<>(
                        List.of(Tools.java(), "-jar", Tools.jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        return new JarProcess(process, out, err);
    }

    /** A loopback port nobody listens on at this moment. */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    /** Both outputs, for assertion messages. */
    String transcript() {
        return "--- stdout\n" + stdout() + "--- stderr\n" + stderr();
    }

    /**
     * Waits for the daemon to log the port it listens on (it was given port 0) and then for {@code
     * /readyz}, which answers 200 once the first round of probes finished.
     */
    JarProcess awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Matcher port = awaitOutput(this::stderr, LISTENING, deadline);
        baseUrl = "http://127.0.0.1:" + port.group(1);
        awaitHttp("/readyz", r -> r.status() == 200, deadline);
        return this;
    }

    /** Waits until {@code pattern} appears in what {@code output} returns. */
    Matcher awaitOutput(Supplier<String> output, Pattern pattern, Instant deadline)
            throws InterruptedException {
        while (Instant.now().isBefore(deadline)) {
            Matcher m = pattern.matcher(output.get());
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                fail(
                        "certgauge exited with "
                                + process.exitValue()
                                + " before printing "
                                + pattern
                                + ":\n"
                                + transcript());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + pattern + " in time:\n" + transcript());
    }

    /** Polls {@code path} until an answer satisfies {@code done}; returns that answer. */
    Response awaitHttp(String path, Predicate<Response> done, Instant deadline)
            throws InterruptedException {
        Response last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("certgauge exited with " + process.exitValue() + ":\n" + transcript());
            }
            try {
                last = get(path);
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException notYet) {
                // still starting, or between two states
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "GET " + path + " never matched; last answer: " + last + "\n" + transcript());
    }

    /** Polls {@code path} until its body satisfies {@code done}, for at most {@code timeout}. */
    String awaitBody(String path, Predicate<String> done, Duration timeout)
            throws InterruptedException {
        return awaitHttp(
                        path,
                        r -> r.status() == 200 && done.test(r.body()),
                        Instant.now().plus(timeout))
                .body();
    }

    /** Sets the base URL when the port is known from elsewhere (the demo prints it). */
    void baseUrl(String url) {
        this.baseUrl = url;
    }

    String baseUrl() {
        return baseUrl;
    }

    Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    Response post(String path) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        request.timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(response.statusCode(), response.body());
    }

    /** Sends SIGHUP with the system's {@code kill}, as an operator or systemd would. */
    void hangUp() throws IOException, InterruptedException {
        String killCommand = Tools.require("kill").toString();
        Process kill =
                new ProcessBuilder(killCommand, "-HUP", String.valueOf(process.pid()))
                        .redirectErrorStream(true)
                        .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            fail(
                    "kill -HUP "
                            + process.pid()
                            + " failed: "
                            + new String(
                                    kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
