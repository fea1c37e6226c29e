package io.certgauge.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({"0, 0ms", "3, 3ms", "999, 999ms", "1000, 1s", "1500, 1.5s", "10250, 10.25s"})
    void durationsAreShortAndExact(long millis, String expected) {
        assertThat(DurationText.of(Duration.ofMillis(millis))).isEqualTo(expected);
    }
}
