package io.certgauge.export.zabbix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certgauge.export.ExportFixtures;
import io.certgauge.export.Golden;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ZabbixExporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExportFixtures fixtures = new ExportFixtures();
    private final ZabbixExporter zabbix = new ZabbixExporter(ExportFixtures.CLOCK);

    /** Indented for a readable golden file; the endpoint itself writes compact JSON. */
    private static String pretty(String json) throws Exception {
        JsonNode tree = JSON.readTree(json);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
    }

    @Test
    void discoveryListsEveryTargetWithEveryLabelMacroAsTheGoldenFile() throws Exception {
        String json = zabbix.discovery(fixtures.snapshot(), LabelFilter.NONE);

        Golden.assertMatches("zabbix/discovery.json", pretty(json));
    }

    @Test
    void targetsObjectMatchesTheGoldenFile() throws Exception {
        String json = zabbix.targets(fixtures.snapshot(), LabelFilter.NONE);

        Golden.assertMatches("zabbix/targets.json", pretty(json));
    }

    @Nested
    class Values {

        @Test
        void daysAreFloatsAndFlagsAreNumbers() throws Exception {
            JsonNode www =
                    JSON.readTree(zabbix.targets(fixtures.snapshot(), LabelFilter.NONE))
                            .get(ExportFixtures.OK);

            assertThat(www.get("days_left").isDouble()).isTrue();
            assertThat(www.get("days_left").asDouble()).isEqualTo(83.42);
            assertThat(www.get("probe_ok").isInt()).isTrue();
            assertThat(www.get("not_after").isIntegralNumber()).isTrue();
        }

        @Test
        void neverReadTargetHasNoDaysAndNoSentinel() throws Exception {
            JsonNode gone =
                    JSON.readTree(zabbix.targets(fixtures.snapshot(), LabelFilter.NONE))
                            .get(ExportFixtures.GONE);

            assertThat(gone.has("days_left")).isFalse();
            assertThat(gone.has("not_after")).isFalse();
            assertThat(gone.get("error").asText()).isEqualTo("dns");
            assertThat(gone.get("status").asText()).isEqualTo("critical");
        }

        @Test
        void pendingTargetIsUnknownWithoutProbeResult() throws Exception {
            JsonNode fresh =
                    JSON.readTree(zabbix.targets(fixtures.snapshot(), LabelFilter.NONE))
                            .get(ExportFixtures.NEW);

            assertThat(fresh.get("status").asText()).isEqualTo("unknown");
            assertThat(fresh.has("probe_ok")).isFalse();
        }

        @Test
        void failedProbeKeepsTheLastKnownDays() throws Exception {
            JsonNode mail =
                    JSON.readTree(zabbix.targets(fixtures.snapshot(), LabelFilter.NONE))
                            .get(ExportFixtures.MAIL);

            assertThat(mail.get("probe_ok").asInt()).isZero();
            assertThat(mail.get("error").asText()).isEqualTo("timeout");
            assertThat(mail.get("days_left").asDouble()).isEqualTo(26.42);
        }
    }

    @Nested
    class Filters {

        @Test
        void everyFilterMustMatch() throws Exception {
            LabelFilter filter = new LabelFilter(Map.of("department", "情報システム部", "env", "prod"));

            JsonNode targets = JSON.readTree(zabbix.targets(fixtures.snapshot(), filter));

            assertThat(targets.fieldNames()).toIterable().containsExactly(ExportFixtures.OK);
        }

        @Test
        void discoveryKeepsEveryMacroWhenFiltered() throws Exception {
            LabelFilter filter = new LabelFilter(Map.of("department", "営業部"));

            JsonNode rows = JSON.readTree(zabbix.discovery(fixtures.snapshot(), filter));

            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).fieldNames())
                    .toIterable()
                    .containsExactly(
                            "{#TARGET}",
                            "{#HOST}",
                            "{#PORT}",
                            "{#DEPARTMENT}",
                            "{#ENV}",
                            "{#OWNER}");
            assertThat(rows.get(0).get("{#OWNER}").asText()).isEmpty();
        }

        @Test
        void emptyValueSelectsTargetsWithoutTheLabel() throws Exception {
            LabelFilter filter = new LabelFilter(Map.of("owner", "", "env", ""));

            JsonNode targets = JSON.readTree(zabbix.targets(fixtures.snapshot(), filter));

            assertThat(targets.fieldNames())
                    .toIterable()
                    .containsExactly(
                            ExportFixtures.GONE, ExportFixtures.INTRANET, ExportFixtures.NEW);
        }
    }
}
