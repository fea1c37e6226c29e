package io.certgauge.export.nagios;

import io.certgauge.verdict.Status;
import java.util.Objects;

/**
 * What a plugin run prints and how it exits.
 *
 * @param status the state; its exit code is the process's
 * @param text the whole output: the status line, then detail lines, each ending in a newline
 */
public record PluginOutput(Status status, String text) {

    public PluginOutput {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(text, "text");
    }

    public int exitCode() {
        return status.exitCode();
    }

    /** The status line alone, without its newline. */
    public String firstLine() {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
