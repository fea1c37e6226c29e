package io.certgauge.cli;

import io.certgauge.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the command line in this JVM, as {@code main} would minus {@code System.exit}, with {@code
 * System.out} and {@code System.err} captured. The commands read those streams when they run, so
 * swapping them is enough; log lines go to stderr and are captured too.
 */
final class Console {

    private Console() {}

    /** What one run printed and returned. */
    record Output(int exitCode, String out, String err) {

        String firstLine() {
            return out.lines().findFirst().orElse("");
        }

        /** The stderr lines that are not log records, which start with a timestamp. */
        List<String> errorLines() {
            return err.lines().filter(l -> !l.matches("^\\d{4}-\\d\\d-\\d\\dT.*")).toList();
        }

        /** Everything printed, for assertion messages. */
        String transcript() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code certgauge ARGS...}; one run at a time, since the streams are global. */
    static synchronized Output run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int exitCode;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exitCode = Main.run(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Output(
                exitCode,
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    /** The arguments as one string, for test names and messages. */
    static String join(String... args) {
        return String.join(" ", Arrays.asList(args));
    }
}
