package io.certgauge.integrations;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The parts of a Zabbix 7.0 template export the tests check, bound with Jackson. Fields the tests
 * do not read are ignored, so the records stay small; absent lists read as empty.
 */
record ZabbixTemplate(ZabbixExport zabbixExport) {

    static final Path FILE = Path.of("zabbix-templates", "certgauge_template.yaml");

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory())
                    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static ZabbixTemplate load() throws IOException {
        return YAML.readValue(FILE.toFile(), ZabbixTemplate.class);
    }

    /** The one template the file exports. */
    Template template() {
        return zabbixExport.templates().get(0);
    }

    record ZabbixExport(String version, List<Template> templates) {}

    record Template(
            String template,
            List<Item> items,
            List<DiscoveryRule> discoveryRules,
            List<Macro> macros,
            List<NameRef> valuemaps) {

        DiscoveryRule discovery() {
            return discoveryRules.get(0);
        }

        List<Item> prototypes() {
            return discovery().itemPrototypes();
        }

        List<Trigger> triggers() {
            return Stream.concat(
                            prototypes().stream().flatMap(item -> item.triggers().stream()),
                            discovery().triggers().stream())
                    .toList();
        }
    }

    record Item(
            String uuid,
            String name,
            String type,
            String key,
            String url,
            String valueType,
            String units,
            List<Step> preprocessing,
            MasterItem masterItem,
            NameRef valuemap,
            List<Tag> tags,
            List<Trigger> triggerPrototypes) {

        List<Trigger> triggers() {
            return triggerPrototypes == null ? List.of() : triggerPrototypes;
        }

        /** Zabbix leaves its default value type, an unsigned integer, out of exports. */
        String valueTypeOrDefault() {
            return valueType == null ? "UNSIGNED" : valueType;
        }
    }

    record DiscoveryRule(
            String type,
            String key,
            String url,
            List<Item> itemPrototypes,
            List<Trigger> triggerPrototypes) {

        List<Trigger> triggers() {
            return triggerPrototypes == null ? List.of() : triggerPrototypes;
        }
    }

    record Step(String type, List<String> parameters) {}

    record MasterItem(String key) {}

    record NameRef(String name) {}

    record Tag(String tag, String value) {}

    record Macro(String macro, String value) {}

    record Trigger(
            String uuid,
            String name,
            String expression,
            String priority,
            List<Dependency> dependencies) {

        List<Dependency> dependsOn() {
            return dependencies == null ? List.of() : dependencies;
        }
    }

    record Dependency(String name, String expression) {}
}
