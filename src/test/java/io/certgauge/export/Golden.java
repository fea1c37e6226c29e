package io.certgauge.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares a whole output with a file under {@code src/test/resources/golden/}. Run the tests with
 * {@code -Dgolden.update=true} to rewrite the files after a deliberate change, then read the diff
 * before committing it.
 */
public final class Golden {

    private Golden() {}

    public static void assertMatches(String name, String actual) {
        if (Boolean.getBoolean("golden.update")) {
            write(name, actual);
            return;
        }
        String expected = read(name);
        if (!expected.equals(actual)) {
            // Kept for a diff: the assertion message alone is too long to compare by eye.
            write(Path.of("target", "golden-actual", name), actual);
        }
        assertThat(actual).as("golden file %s", name).isEqualTo(expected);
    }

    public static String read(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new AssertionError(
                        "missing golden file "
                                + name
                                + "; run with -Dgolden.update=true to create it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String name, String actual) {
        write(Path.of("src", "test", "resources", "golden", name), actual);
    }

    private static void write(Path file, String actual) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
