package io.certgauge.probe;

import java.math.BigDecimal;
import java.time.Duration;

/** Short durations for messages: {@code 3ms}, {@code 2s}, {@code 1.5s}. */
final class DurationText {

    private DurationText() {}

    static String of(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    static String ofNanos(long nanos) {
        return of(Duration.ofNanos(nanos));
    }
}
