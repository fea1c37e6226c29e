package io.certgauge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code certgauge serve} refusing to start: a bad targets file or bad arguments exit 2 with one
 * readable line per problem on stderr and no stack trace. Every run listens on loopback port 0, so
 * a run that started by mistake would bind nothing but an ephemeral loopback port.
 */
class ServeCommandTest {

    private static final String LISTEN = "127.0.0.1:0";

    @TempDir Path dir;

    @Test
    void aMissingTargetsFileExitsTwoNamingTheFile() {
        Path missing = dir.resolve("missing.yaml");

        Console.Output run =
                Console.run("serve", "--config", missing.toString(), "--listen", LISTEN);

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(2);
        assertThat(run.errorLines())
                .containsExactly(missing + ": the file does not exist; check the path");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aFileWithTwoMistakesGivesOneLinePerMistakeWithItsLine() throws IOException {
        Path file =
                write(
                        "targets.yaml",
                        """
                        targets:
                          - host: a.certgauge.test
                            port: 99999
                          - host: b.certgauge.test
                            colour: blue
                        """);

        Console.Output run = Console.run("serve", "--config", file.toString(), "--listen", LISTEN);

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(2);
        assertThat(run.errorLines()).hasSize(2);
        assertThat(run.errorLines().get(0))
                .startsWith(file + ":3: targets[0].port: \"99999\" is not a port number");
        assertThat(run.errorLines().get(1))
                .startsWith(file + ":5: targets[1].colour: unknown key \"colour\"");
    }

    @Test
    void aBadFileNeverShowsAStackTrace() throws IOException {
        Path file = write("broken.yaml", "targets: [unclosed\n");

        Console.Output run = Console.run("serve", "--config", file.toString(), "--listen", LISTEN);

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(2);
        assertThat(run.errorLines())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith(file + ":"));
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "--listen {0}")
    @ValueSource(strings = {"garbage", "127.0.0.1:http", "127.0.0.1:70000", "127.0.0.1:-1"})
    void aListenAddressThatIsNotHostAndPortExitsTwo(String listen) throws IOException {
        Path file = write("targets.txt", "127.0.0.1:1\n");

        Console.Output run = Console.run("serve", "--config", file.toString(), "--listen", listen);

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(2);
        assertThat(run.err())
                .contains("certgauge: Invalid value for option '--listen': '" + listen + "'")
                .contains("Try 'certgauge serve --help'.")
                .doesNotContain("\tat ");
    }

    @Test
    void aMissingConfigOptionExitsTwo() {
        Console.Output run = Console.run("serve", "--listen", LISTEN);

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--config=FILE'");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
