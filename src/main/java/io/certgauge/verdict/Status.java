package io.certgauge.verdict;

import java.util.Locale;

/**
 * The four states of the Nagios plugin guidelines, with their exit codes. Ordered from best to
 * worst, so the worse of two states is the greater.
 */
public enum Status {
    OK(0),
    WARNING(1),
    CRITICAL(2),
    UNKNOWN(3);

    private final int exitCode;

    Status(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The plugin's process exit code: 0, 1, 2 or 3. */
    public int exitCode() {
        return exitCode;
    }

    /** The state as the plugin's first line writes it: {@code OK}, {@code WARNING}, … */
    public String word() {
        return name();
    }

    /** The state in lower case, as JSON and Zabbix write it: {@code ok}, {@code warning}, … */
    public String lowerCase() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The worse of two states. {@code UNKNOWN} ranks above {@code CRITICAL} here, as its exit code
     * does; {@link Verdict} never combines the two.
     */
    public Status worst(Status other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
