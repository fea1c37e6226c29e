package io.certgauge.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 127.0.0.1",
        "0:0:0:0:0:0:0:1, ::1",
        "::, ::",
        "2001:DB8:0:0:0:0:0:10, 2001:db8::10",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "2001:0db8:0000:0000:0001:0000:0000:0000, 2001:db8:0:0:1::"
    })
    void addressesAreWrittenInTheirCanonicalShortForm(String literal, String expected) {
        String text = AddressText.of(MapResolver.parse(literal));

        assertThat(text).isEqualTo(expected);
    }
}
