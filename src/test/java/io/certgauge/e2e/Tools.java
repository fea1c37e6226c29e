package io.certgauge.e2e;

import static org.assertj.core.api.Assertions.fail;

import io.certgauge.testing.Programs;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs the programs the end-to-end tests use. A missing program skips the test with a
 * message, except when the environment variable {@code CI} is set: then it fails the run, so CI can
 * never pass by skipping.
 */
final class Tools {

    private Tools() {}

    /** The program's path; skips or fails the test when it is not installed. */
    static Path require(String program) {
        return Programs.require(program);
    }

    /** The built jar, from failsafe's system property. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("certgauge.jar", "target/certgauge.jar"));
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: run the end-to-end tests with `mvn verify`");
        }
        return jar;
    }

    /** A TCP port free on loopback right now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Output and exit code of a finished command. */
    record Result(int exitCode, String stdout, String stderr) {}

    /** Runs a command to its end (at most two minutes) and returns what it printed. */
    static Result run(Path workDir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process process =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("timed out: " + String.join(" ", command));
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs a command and fails the test, with its output, unless it exits 0. */
    static String runOk(Path workDir, String... command) throws IOException, InterruptedException {
        Result result = run(workDir, List.of(command));
        if (result.exitCode() != 0) {
            fail(
                    String.join(" ", command)
                            + " exited "
                            + result.exitCode()
                            + ":\n"
                            + result.stdout()
                            + result.stderr());
        }
        return result.stdout();
    }

    /** The java launcher of the JVM running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
