package io.certgauge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "500ms, PT0.5S",
        "10s, PT10S",
        "5m, PT5M",
        "1h, PT1H",
        "1d, PT24H",
        "1h30m, PT1H30M",
        "1d2h3m4s5ms, PT26H3M4.005S",
        "0s, PT0S",
        "10, PT10S",
        "2.5, PT2.5S",
        "' 15m ', PT15M",
    })
    void readsUnitsSumsAndBareSeconds(String text, Duration expected) {
        Duration parsed = Durations.parse(text);

        assertThat(parsed).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "10x | \"10x\" is not a duration; write a number with a unit: 500ms, 10s, 5m, 1h,"
                        + " 1d, or a sum such as 1h30m",
                "h | \"h\" is not a duration",
                "-5s | \"-5s\" is not a duration",
                "1.5h | \"1.5h\" is not a duration",
                "1h 30m | \"1h 30m\" is not a duration",
                "30m1h | \"30m1h\" repeats a unit or puts a smaller one first; write units from"
                        + " largest to smallest, each once, as in 1h30m",
                "1h1h | \"1h1h\" repeats a unit",
                "99999999999999999999d | \"99999999999999999999d\" is too long a duration",
                "9999999999999999d | \"9999999999999999d\" is too long a duration",
                // Past Duration.toNanos(): the scheduler and the prober's deadline overflowed on
                // these.
                "9999999999999d | \"9999999999999d\" is too long a duration",
                "200000d | \"200000d\" is too long a duration",
                "36501d | \"36501d\" is too long a duration",
                "3153600001 | \"3153600001\" is too long a duration",
            })
    void rejectsWhatIsNotADurationWithTheValueAndAHint(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"''", "'  '"})
    void rejectsAnEmptyDuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .hasMessageStartingWith("the duration is empty; write a number with a unit");
    }
}
