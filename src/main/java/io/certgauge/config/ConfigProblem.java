package io.certgauge.config;

import java.nio.file.Path;

/**
 * One mistake found in a targets file, printed as one line: {@code targets.yaml:12:
 * targets[3].port: "44x3" is not a port number; write a number from 1 to 65535}.
 *
 * @param file the targets file as it was given to the loader
 * @param line the 1-based line, or 0 when the problem concerns the file as a whole
 * @param field the key path ({@code targets[3].port}, list indexes from 0), or {@code null} when
 *     the problem has no field (a syntax error, a line of a plain list)
 * @param message what is wrong, quoting the value found
 * @param hint what would be accepted, or {@code null}
 */
public record ConfigProblem(Path file, int line, String field, String message, String hint) {

    /** The problem as one line: file, line, field, message and hint. */
    public String format() {
        StringBuilder text = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (field != null && !field.isEmpty()) {
            text.append(field).append(": ");
        }
        text.append(message);
        if (hint != null && !hint.isEmpty()) {
            text.append("; ").append(hint);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
