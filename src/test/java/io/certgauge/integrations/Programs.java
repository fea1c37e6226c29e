package io.certgauge.integrations;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the programs the integration tests run. A missing program skips the test with a message,
 * except when the environment variable {@code CI} is set: then it fails, so CI never passes by
 * skipping.
 */
final class Programs {

    private static final List<String> SYSTEM_DIRS =
            List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin");

    private Programs() {}

    /** The program's path; skips or fails the test when it is not installed. */
    static Path require(String program) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(SYSTEM_DIRS);
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
}
