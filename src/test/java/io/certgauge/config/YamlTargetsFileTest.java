package io.certgauge.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlTargetsFileTest {

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({
        "no, VALUE_STRING",
        "yes, VALUE_STRING",
        "on, VALUE_STRING",
        "off, VALUE_STRING",
        "true, VALUE_TRUE",
        "false, VALUE_FALSE",
    })
    void readsOnlyTrueAndFalseAsBooleans(String word, JsonToken expected) throws IOException {
        JsonToken token;
        try (JsonParser parser = YamlTargetsFile.FACTORY.createParser("env: " + word)) {
            parser.nextToken();
            parser.nextToken();
            token = parser.nextToken();
        }

        assertThat(token).isEqualTo(expected);
    }
}
