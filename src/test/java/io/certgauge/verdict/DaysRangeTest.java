package io.certgauge.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DaysRangeTest {

    @ParameterizedTest(name = "''{0}'' with {1} days left alerts: {2}")
    @CsvSource({
        // bare N means N: (fewer than N days left), unlike the guidelines' 0:N
        "30,      29.99, true",
        "30,      30,    false",
        "30,      400,   false",
        "30:,     -1,    true",
        "7.5,     7.4,   true",
        "7.5,     7.5,   false",
        "~:10,    -100,  false",
        "~:10,    10.01, true",
        "5:10,    4.99,  true",
        "5:10,    5,     false",
        "5:10,    10,    false",
        "5:10,    10.5,  true",
        "@5:10,   7,     true",
        "@5:10,   4,     false",
        "@5:10,   11,    false",
        "-2:,     -1,    false",
        "-2:,     -3,    true",
    })
    void alertsFollowTheRangeGrammar(String text, double days, boolean alerts) {
        DaysRange range = DaysRange.parse(text);

        boolean result = range.alerts(days);

        assertThat(result).isEqualTo(alerts);
    }

    @ParameterizedTest(name = "''{0}'' is written ''{1}''")
    @CsvSource({
        "30,       30:",
        "30:,      30:",
        "7.50,     7.5:",
        "0.5,      0.5:",
        "~:10,     ~:10",
        "5:10,     5:10",
        "@5:10,    @5:10",
        "' 14 ',   14:",
    })
    void perfdataShowsTheRangeNormalised(String text, String written) {
        DaysRange range = DaysRange.parse(text);

        assertThat(range.toString()).isEqualTo(written);
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(
            strings = {
                "",
                "abc",
                "30d",
                "1e3",
                "NaN",
                "Infinity",
                ":10",
                "10:5",
                "@5",
                "5:10:15",
                "~",
                "0x10"
            })
    void badRangeIsRejectedWithAReadableMessage(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DaysRange.parse(text))
                .withMessageContaining("'" + text + "'");
    }

    @org.junit.jupiter.api.Test
    void startAboveEndSaysSo() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DaysRange.parse("10:5"))
                .withMessage(
                        "invalid range '10:5': the start is above the end;"
                                + " expected N, N:, ~:N, M:N or @M:N (days, fractions allowed)");
    }
}
