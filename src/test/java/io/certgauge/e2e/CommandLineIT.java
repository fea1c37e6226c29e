package io.certgauge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exit codes as the shell sees them from the jar, through {@code System.exit}: the in-process
 * tests of the commands cover the cases, this covers the path from {@code main} to the shell.
 * {@code PORT} in the arguments stands for a loopback port nobody listens on.
 */
class CommandLineIT {

    @TempDir Path dir;

    @ParameterizedTest(name = "certgauge {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "check --no-such-option        | 3 | stdout | CERTGAUGE UNKNOWN - Unknown option",
                "check --version               | 3 | stdout | CERTGAUGE UNKNOWN - certgauge ",
                "check -H 127.0.0.1 -p PORT    | 2 | stdout | CERTGAUGE CRITICAL - 127.0.0.1:PORT"
                        + " probe failed (refused)",
                "inspect 127.0.0.1:PORT        | 1 | stdout | target 127.0.0.1:PORT",
                "inspect bad:end:point         | 2 | stderr | certgauge inspect: ",
                "serve --config missing.yaml --listen 127.0.0.1:PORT | 2 | stderr | missing.yaml:"
                        + " the file does not exist",
            })
    void theShellSeesTheExitCode(String args, int exitCode, String stream, String firstLine)
            throws Exception {
        String port = String.valueOf(JarProcess.freeLoopbackPort());
        List<String> command =
                new ArrayList<>(
                        List.of(Tools.java(), "-jar", Tools.jar().toAbsolutePath().toString()));
        for (String arg : args.split(" ")) {
            command.add(arg.replace("PORT", port));
        }

        Tools.Result result = Tools.run(dir, command);

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(exitCode);
        String output = stream.equals("stdout") ? result.stdout() : result.stderr();
        assertThat(output.lines().filter(l -> !l.matches("^\\d{4}-\\d\\d-\\d\\dT.*")))
                .first()
                .asString()
                .startsWith(firstLine.replace("PORT", port));
        assertThat(result.stderr()).doesNotContain("\tat ");
    }
}
