package io.certgauge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeAllowListTest {

    @ParameterizedTest(name = "{0} against {1}: {2}")
    @CsvSource({
        "*.example.co.jp, www.example.co.jp, true",
        "*.example.co.jp, WWW.Example.CO.JP, true",
        "*.example.co.jp, example.co.jp, false",
        "*.example.co.jp, a.b.example.co.jp, false",
        "*.example.co.jp, www.example.co.jp.evil.test, false",
        "*.example.co.jp, wwwexample.co.jp, false",
        "web*.example.co.jp, web1.example.co.jp, true",
        "web*.example.co.jp, mail.example.co.jp, false",
        "*.例え.jp, www.例え.jp, true",
        "*.例え.jp, www.xn--r8jz45g.jp, true",
        "*.xn--r8jz45g.jp, www.例え.jp, true",
        "例え.jp, 例え.jp, true",
        "10.0.0.*, 10.0.0.5, true",
        "10.0.0.*, 10.0.1.5, false",
        "2001:db8::10, [2001:db8::10], true",
        "[2001:db8::10], 2001:db8::10, true",
        "2001:db8::10, 2001:db8::11, false",
        "*.example.co.jp, not a host, false",
    })
    void matchesWholeLabelsCaseInsensitivelyOnALabels(
            String pattern, String host, boolean permitted) {
        ProbeAllowList allow = ProbeAllowList.of(List.of(pattern));

        boolean result = allow.permits(host);

        assertThat(result).isEqualTo(permitted);
    }

    @Test
    void permitsWhenAnyPatternMatches() {
        ProbeAllowList allow = ProbeAllowList.of(List.of("*.example.co.jp", "*.example.test"));

        assertThat(allow.permits("api.example.test")).isTrue();
        assertThat(allow.permits("api.example.org")).isFalse();
    }

    @Test
    void anEmptyListPermitsNothing() {
        ProbeAllowList allow = ProbeAllowList.of(List.of());

        assertThat(allow.isEmpty()).isTrue();
        assertThat(allow.permits("www.example.co.jp")).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''               | the pattern is empty",
                "*..example.co.jp | \"*..example.co.jp\" has an empty label",
                "*.exa mple.co.jp | \"*.exa mple.co.jp\" is not a host glob",
                "例*.jp           | \"例*.jp\" puts * inside a non-ASCII label",
            })
    void rejectsWhatIsNotAHostGlob(String pattern, String message) {
        assertThatThrownBy(() -> ProbeAllowList.of(List.of(pattern)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
