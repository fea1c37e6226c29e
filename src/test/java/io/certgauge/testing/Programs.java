package io.certgauge.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs the installed programs tests use (nginx, openssl, promtool, zabbix_agent2 …): a
 * missing program skips the test with a message, except when the environment variable {@code CI} is
 * set, where it fails the run, so CI never passes by skipping.
 */
public final class Programs {

    private static final List<String> SEARCH_PATH =
            List.of("/usr/bin", "/bin", "/usr/local/bin", "/usr/sbin", "/sbin");

    private Programs() {}

    /** The program's path; skips or fails the test when it is not installed. */
    public static Path require(String program) {
        List<String> dirs = new ArrayList<>(SEARCH_PATH);
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(0, List.of(path.split(":")));
        }
        for (String dir : dirs) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = program + " is not installed; install it with .ci/run's apt-get line";
        if (System.getenv("CI") != null) {
            fail(message + " (CI is set, so a missing program fails the run)");
        }
        assumeTrue(false, message);
        return null;
    }

    /** Output and exit code of a finished command. */
    public record Result(int exitCode, String output) {}

    /** Runs a command in the project's root to its end (at most a minute), stderr into stdout. */
    public static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
