package io.certgauge.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}
 * and sums such as {@code 1h30m}, units from largest to smallest, each once (the Prometheus
 * convention). A bare number is seconds, fractions allowed, as the plugin option {@code -t SECONDS}
 * takes it. A day is 24 hours.
 */
public final class Durations {

    private static final String HINT =
            "write a number with a unit: 500ms, 10s, 5m, 1h, 1d, or a sum such as 1h30m";
    private static final Pattern BARE_SECONDS = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    // Largest first: a sum must follow this order.
    private static final List<String> UNITS = List.of("d", "h", "m", "s", "ms");

    /**
     * Longest duration accepted. Schedules and probe deadlines count in milli- and nanoseconds on a
     * {@code long}; past this they would overflow.
     */
    private static final Duration MAX = Duration.ofDays(36_500);

    private Durations() {}

    /**
     * Parses a duration; zero is allowed here, callers that need more say so.
     *
     * @throws IllegalArgumentException naming the value and what is accepted
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new BadValue("the duration is empty", HINT);
        }
        String value = text.strip();
        Duration duration;
        try {
            duration = BARE_SECONDS.matcher(value).matches() ? seconds(value) : sum(value);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new BadValue(BadValue.quote(value) + " is too long a duration", HINT);
        }
        if (duration.compareTo(MAX) > 0) {
            throw new BadValue(
                    BadValue.quote(value) + " is too long a duration",
                    "write at most 36500d (100 years)");
        }
        return duration;
    }

    private static Duration seconds(String value) {
        long nanos = new BigDecimal(value).movePointRight(9).longValueExact();
        return Duration.ofNanos(nanos);
    }

    private static Duration sum(String value) {
        Matcher part = PART.matcher(value);
        Duration total = Duration.ZERO;
        int position = 0;
        int previousRank = -1;
        while (position < value.length()) {
            part.region(position, value.length());
            if (!part.lookingAt()) {
                throw new BadValue(BadValue.quote(value) + " is not a duration", HINT);
            }
            int rank = UNITS.indexOf(part.group(2));
            if (rank <= previousRank) {
                throw new BadValue(
                        BadValue.quote(value) + " repeats a unit or puts a smaller one first",
                        "write units from largest to smallest, each once, as in 1h30m");
            }
            total = total.plus(amount(Long.parseLong(part.group(1)), part.group(2)));
            previousRank = rank;
            position = part.end();
        }
        return total;
    }

    private static Duration amount(long count, String unit) {
        return switch (unit) {
            case "d" -> ChronoUnit.DAYS.getDuration().multipliedBy(count);
            case "h" -> ChronoUnit.HOURS.getDuration().multipliedBy(count);
            case "m" -> ChronoUnit.MINUTES.getDuration().multipliedBy(count);
            case "s" -> Duration.ofSeconds(count);
            default -> Duration.ofMillis(count);
        };
    }
}
