package io.certgauge.export.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certgauge.export.ExportFixtures;
import io.certgauge.export.Golden;
import org.junit.jupiter.api.Test;

class JsonApiTest {

    private final ExportFixtures fixtures = new ExportFixtures();
    private final JsonApi api = new JsonApi(ExportFixtures.CLOCK);

    @Test
    void documentMatchesTheGoldenFile() {
        String json = fixtures.normalise(api.targets(fixtures.snapshot())) + "\n";

        Golden.assertMatches("json/targets.json", json);
    }

    @Test
    void failedAddressShowsTheFailureBesideItsLastKnownChain() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(api.targets(fixtures.snapshot()));

        JsonNode mail = doc.get("targets").get(2).get("addresses").get(0);

        assertThat(mail.at("/probe/ok").asBoolean()).isFalse();
        assertThat(mail.at("/probe/error/reason").asText()).isEqualTo("timeout");
        assertThat(mail.at("/chain/0/serial").asText()).isEqualTo("1003");
        assertThat(mail.at("/chain/0/not_after").asText()).isEqualTo("2026-12-30T00:00:00Z");
    }
}
