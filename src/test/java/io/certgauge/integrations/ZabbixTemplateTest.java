package io.certgauge.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certgauge.config.Thresholds;
import io.certgauge.integrations.ZabbixTemplate.Dependency;
import io.certgauge.integrations.ZabbixTemplate.Item;
import io.certgauge.integrations.ZabbixTemplate.Macro;
import io.certgauge.integrations.ZabbixTemplate.Step;
import io.certgauge.integrations.ZabbixTemplate.Tag;
import io.certgauge.integrations.ZabbixTemplate.Template;
import io.certgauge.integrations.ZabbixTemplate.Trigger;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Zabbix template against the JSON the daemon serves: the golden files of the {@code
 * /zabbix/targets} and {@code /zabbix/discovery} exporters are the contract both sides keep.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZabbixTemplateTest {

    /** The JSONPath every dependent item uses: one field of one target, by bracket notation. */
    private static final Pattern JSONPATH = Pattern.compile("\\$\\['\\{#TARGET}'\\]\\.([a-z_]+)");

    /** A per-target key; the id is quoted since ids may hold [ ] , or / (DESIGN, Zabbix). */
    private static final Pattern PROTOTYPE_KEY =
            Pattern.compile("certgauge\\.([a-z_]+)\\[\"\\{#TARGET}\"]");

    /** An item reference inside a trigger expression: /host/key. */
    private static final Pattern ITEM_REFERENCE =
            Pattern.compile("/([^/(),]+)/([a-z_.]+\\[[^\\]]*])");

    private static final Pattern LLD_MACRO = Pattern.compile("\\{#[A-Z0-9_.]+}");
    private static final Pattern USER_MACRO = Pattern.compile("\\{\\$[A-Z0-9_.]+}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private String text;
    private Template template;

    @BeforeAll
    void load() throws IOException {
        text = Files.readString(ZabbixTemplate.FILE, StandardCharsets.UTF_8);
        ZabbixTemplate export = ZabbixTemplate.load();
        assertThat(export.zabbixExport().version()).isEqualTo("7.0");
        assertThat(export.zabbixExport().templates()).hasSize(1);
        template = export.template();
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = ZabbixTemplateTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as(name).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> matches(Pattern pattern, String text) {
        return pattern.matcher(text).results().map(MatchResult::group).collect(Collectors.toSet());
    }

    private static String jsonPathOf(Item item) {
        List<Step> paths =
                item.preprocessing().stream().filter(s -> s.type().equals("JSONPATH")).toList();
        assertThat(paths).as(item.key()).hasSize(1);
        return paths.get(0).parameters().get(0);
    }

    private Item prototype(String field) {
        String key = "certgauge." + field + "[\"{#TARGET}\"]";
        return template.prototypes().stream()
                .filter(item -> item.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no item prototype " + key));
    }

    private Item masterItem() {
        assertThat(template.items()).hasSize(1);
        return template.items().get(0);
    }

    @Nested
    class DependentItems {

        @Test
        void everyJsonPathReadsAFieldTheTargetsEndpointGives() throws IOException {
            Set<String> served = new TreeSet<>();
            for (Iterator<JsonNode> it = golden("zabbix/targets.json").elements(); it.hasNext(); ) {
                served.addAll(fieldNames(it.next()));
            }

            List<String> read = new ArrayList<>();
            for (Item item : template.prototypes()) {
                Matcher m = JSONPATH.matcher(jsonPathOf(item));
                assertThat(m.matches()).as("JSONPath of %s", item.key()).isTrue();
                read.add(m.group(1));
            }

            assertThat(read).isNotEmpty().doesNotHaveDuplicates();
            assertThat(served).containsAll(read);
        }

        @Test
        void everyKeyQuotesTheTargetIdAndNamesTheFieldItReads() {
            for (Item item : template.prototypes()) {
                Matcher key = PROTOTYPE_KEY.matcher(item.key());
                assertThat(key.matches()).as("key %s", item.key()).isTrue();

                Matcher path = JSONPATH.matcher(jsonPathOf(item));

                assertThat(path.matches()).isTrue();
                assertThat(key.group(1)).as(item.key()).isEqualTo(path.group(1));
            }
        }

        @Test
        void everyPrototypeIsFedByTheOneHttpAgentItem() {
            Item master = masterItem();

            assertThat(master.type()).isEqualTo("HTTP_AGENT");
            assertThat(template.prototypes())
                    .allSatisfy(
                            item -> {
                                assertThat(item.type()).as(item.key()).isEqualTo("DEPENDENT");
                                assertThat(item.masterItem().key()).isEqualTo(master.key());
                            });
        }

        @ParameterizedTest
        @CsvSource({
            "days_left, FLOAT, d",
            "chain_days_left, FLOAT, d",
            "probe_ok, UNSIGNED, ",
            "valid, UNSIGNED, ",
            "status, CHAR, ",
            "error, CHAR, ",
            "findings, TEXT, ",
            "not_after, UNSIGNED, unixtime",
            "last_success, UNSIGNED, unixtime",
        })
        void aFieldHasAnItemOfTheRightTypeAndUnit(String field, String type, String units) {
            Item item = prototype(field);

            assertThat(item.valueTypeOrDefault()).as(item.key()).isEqualTo(type);
            assertThat(item.units()).as(item.key()).isEqualTo(units);
        }

        @Test
        void everyPrototypeIsTaggedWithItsOwnerAndDepartment() {
            Tag owner = new Tag("owner", "{#OWNER}");
            Tag department = new Tag("department", "{#DEPARTMENT}");

            assertThat(template.prototypes())
                    .allSatisfy(item -> assertThat(item.tags()).contains(owner, department));
        }

        @Test
        void everyValueMapAnItemNamesIsDefined() {
            Set<String> defined =
                    template.valuemaps().stream()
                            .map(ZabbixTemplate.NameRef::name)
                            .collect(Collectors.toSet());

            assertThat(template.prototypes())
                    .filteredOn(item -> item.valuemap() != null)
                    .isNotEmpty()
                    .allSatisfy(item -> assertThat(defined).contains(item.valuemap().name()));
        }
    }

    @Nested
    class Macros {

        @Test
        void everyLowLevelDiscoveryMacroUsedIsOneDiscoveryEmits() throws IOException {
            Set<String> emitted = new TreeSet<>();
            golden("zabbix/discovery.json").forEach(entry -> emitted.addAll(fieldNames(entry)));

            Set<String> used = matches(LLD_MACRO, text);

            assertThat(used).contains("{#TARGET}", "{#OWNER}", "{#DEPARTMENT}");
            assertThat(emitted).containsAll(used);
        }

        @Test
        void everyUserMacroUsedIsDeclaredByTheTemplate() {
            Set<String> declared =
                    template.macros().stream().map(Macro::macro).collect(Collectors.toSet());

            assertThat(declared).containsAll(matches(USER_MACRO, text));
        }

        @Test
        void theExpiryThresholdsDefaultToTheDaemonsOwn() {
            Map<String, String> values = macroValues();
            Thresholds defaults = Thresholds.DEFAULT;

            assertThat(Double.parseDouble(values.get("{$CERTGAUGE.EXPIRY.WARN}")))
                    .isEqualTo(defaults.warningDays());
            assertThat(Double.parseDouble(values.get("{$CERTGAUGE.EXPIRY.HIGH}")))
                    .isEqualTo(defaults.criticalDays());
            assertThat(Double.parseDouble(values.get("{$CERTGAUGE.EXPIRY.DISASTER}")))
                    .isEqualTo(defaults.emergencyDays());
        }

        @Test
        void theDefaultUrlIsADaemonOnLoopbackAndTheFilterIsEmpty() {
            Map<String, String> values = macroValues();

            URI url = URI.create(values.get("{$CERTGAUGE.URL}"));

            assertThat(url.getScheme()).isEqualTo("http");
            assertThat(url.getHost()).isEqualTo("127.0.0.1");
            assertThat(url.getPath()).isEmpty();
            assertThat(values.get("{$CERTGAUGE.FILTER}")).isEmpty();
        }

        private Map<String, String> macroValues() {
            return template.macros().stream()
                    .collect(
                            Collectors.toMap(
                                    Macro::macro, m -> m.value() == null ? "" : m.value()));
        }
    }

    @Nested
    class Endpoints {

        @Test
        void theMasterItemReadsTheTargetsEndpointThroughTheFilter() {
            assertThat(masterItem().url())
                    .isEqualTo("{$CERTGAUGE.URL}/zabbix/targets?{$CERTGAUGE.FILTER}");
        }

        @Test
        void discoveryReadsTheDiscoveryEndpointThroughTheSameFilter() {
            assertThat(template.discovery().type()).isEqualTo("HTTP_AGENT");
            assertThat(template.discovery().url())
                    .isEqualTo("{$CERTGAUGE.URL}/zabbix/discovery?{$CERTGAUGE.FILTER}");
        }
    }

    @Nested
    class Triggers {

        @Test
        void everyExpressionReferencesAnItemPrototypeOfThisTemplate() {
            Set<String> keys =
                    template.prototypes().stream().map(Item::key).collect(Collectors.toSet());

            assertThat(template.triggers())
                    .isNotEmpty()
                    .allSatisfy(
                            trigger -> {
                                List<MatchResult> refs =
                                        ITEM_REFERENCE
                                                .matcher(trigger.expression())
                                                .results()
                                                .toList();
                                assertThat(refs).as(trigger.expression()).isNotEmpty();
                                for (MatchResult ref : refs) {
                                    assertThat(ref.group(1)).isEqualTo(template.template());
                                    assertThat(keys).contains(ref.group(2));
                                }
                            });
        }

        @Test
        void everyDependencyIsATriggerPrototypeOfThisTemplate() {
            Set<Dependency> triggers =
                    template.triggers().stream()
                            .map(t -> new Dependency(t.name(), t.expression()))
                            .collect(Collectors.toSet());

            List<Dependency> dependencies =
                    template.triggers().stream().flatMap(t -> t.dependsOn().stream()).toList();

            assertThat(dependencies).isNotEmpty();
            assertThat(triggers).containsAll(dependencies);
        }

        @Test
        void expiryEscalatesAndEachStepDependsOnTheNextSoOnlyTheWorstFires() {
            Map<String, Trigger> byPriority =
                    prototype("days_left").triggers().stream()
                            .collect(Collectors.toMap(Trigger::priority, Function.identity()));
            Trigger warning = byPriority.get("WARNING");
            Trigger high = byPriority.get("HIGH");
            Trigger disaster = byPriority.get("DISASTER");

            assertThat(byPriority).hasSize(3);
            assertThat(warning.expression()).endsWith("<{$CERTGAUGE.EXPIRY.WARN}");
            assertThat(high.expression()).endsWith("<{$CERTGAUGE.EXPIRY.HIGH}");
            assertThat(disaster.expression()).endsWith("<{$CERTGAUGE.EXPIRY.DISASTER}");
            assertThat(warning.dependsOn()).containsExactly(dependencyOn(high));
            assertThat(high.dependsOn()).containsExactly(dependencyOn(disaster));
            assertThat(disaster.dependsOn()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "valid | HIGH | last(/certgauge by HTTP/certgauge.valid[\"{#TARGET}\"])=0",
                    "probe_ok | AVERAGE | "
                            + "max(/certgauge by HTTP/certgauge.probe_ok[\"{#TARGET}\"],#3)=0",
                    "findings | WARNING | find(/certgauge by HTTP/certgauge.findings[\"{#TARGET}\"]"
                            + ",,\"like\",\"renewal_overdue\")=1",
                })
        void aProblemOtherThanExpiryHasItsTrigger(String field, String priority, String expr) {
            List<Trigger> triggers = prototype(field).triggers();

            assertThat(triggers)
                    .extracting(Trigger::priority, Trigger::expression)
                    .containsExactly(tuple(priority, expr));
        }

        @Test
        void everyTriggerAndItemHasItsOwnUuid() {
            List<String> uuids = new ArrayList<>();
            uuids.add(masterItem().uuid());
            template.prototypes().forEach(item -> uuids.add(item.uuid()));
            template.triggers().forEach(trigger -> uuids.add(trigger.uuid()));

            assertThat(uuids).doesNotHaveDuplicates().allMatch(u -> u.matches("[0-9a-f]{32}"));
        }

        private Dependency dependencyOn(Trigger trigger) {
            return new Dependency(trigger.name(), trigger.expression());
        }
    }

    @Nested
    class AgentUserParameters {

        private static final Path FILE =
                Path.of("zabbix-templates", "userparameter_certgauge.conf");

        @Test
        void theAgentKeysReadTheSameEndpointsAsTheTemplateWithTheSameDefaultUrl()
                throws IOException {
            String defaultUrl =
                    template.macros().stream()
                            .filter(m -> m.macro().equals("{$CERTGAUGE.URL}"))
                            .findFirst()
                            .orElseThrow()
                            .value();

            Map<String, String> lines =
                    Files.readAllLines(FILE, StandardCharsets.UTF_8).stream()
                            .filter(line -> line.startsWith("UserParameter="))
                            .map(line -> line.substring("UserParameter=".length()).split(",", 2))
                            .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));

            assertThat(lines).containsOnlyKeys("certgauge.discovery[*]", "certgauge.targets[*]");
            assertThat(lines.get("certgauge.discovery[*]"))
                    .contains("${url:-" + defaultUrl + "}/zabbix/discovery?$2");
            assertThat(lines.get("certgauge.targets[*]"))
                    .contains("${url:-" + defaultUrl + "}/zabbix/targets?$2");
        }
    }
}
