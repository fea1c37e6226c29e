package io.certgauge.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostNamesTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "::1, true",
        "::, true",
        "2001:db8::10, true",
        "2001:DB8:0:0:0:0:0:10, true",
        "fe80::1:2:3:4:5:6, true",
        "::ffff:192.0.2.1, true",
        "1:2:3:4:5:6:7:8, true",
        "1:2:3:4:5:6:7:8:9, false",
        "1:2:3:4:5:6:7, false",
        "1::2::3, false",
        ":::, false",
        "1:2:3:4:5:6:7::8, false",
        "12345::1, false",
        "zz::1, false",
        "::ffff:192.0.2.256, false",
        "1::2:, false",
        "10.0.0.5, false",
        "example.co.jp, false",
    })
    void recognisesIpv6LiteralsByTheirFormAlone(String text, boolean ipv6) {
        boolean result = HostNames.isIpv6Literal(text);

        assertThat(result).isEqualTo(ipv6);
    }
}
