package io.certgauge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The top level of the command line: a missing or unknown command is a usage mistake (2). */
class MainTest {

    @Test
    void noCommandExitsTwoWithTheUsageOnStderr() {
        Console.Output run = Console.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: certgauge").contains("check");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownCommandExitsTwoAndPointsAtTheHelp() {
        Console.Output run = Console.run("watch");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'watch'").contains("Try 'certgauge --help'.");
    }

    @Test
    void versionExitsZeroWithTheVersion() {
        Console.Output run = Console.run("--version");

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).startsWith("certgauge ");
    }

    @Test
    void aBadDemoListenAddressExitsTwoBeforeAnythingStarts() {
        Console.Output run = Console.run("demo", "--listen", "nowhere");

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(2);
        assertThat(run.err()).contains("'nowhere' is not HOST:PORT");
    }

    @Test
    void aDemoDirThatIsAFileExitsTwoSayingSo(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");

        Console.Output run = Console.run("demo", "--dir", file.toString());

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(2);
        assertThat(run.err()).contains("is not a directory");
    }
}
