package io.certgauge.export.zabbix;

import io.certgauge.config.Target;
import java.util.Map;

/**
 * Label equality filters, as given in a query string ({@code ?department=…&env=prod}). A target
 * matches when every filter holds; a label the target lacks counts as empty, so {@code ?env=}
 * selects the targets without one, as a Prometheus matcher would. Immutable.
 *
 * @param required label key to the value it must have
 */
public record LabelFilter(Map<String, String> required) {

    /** Matches every target. */
    public static final LabelFilter NONE = new LabelFilter(Map.of());

    public LabelFilter {
        required = Map.copyOf(required);
    }

    public boolean matches(Target target) {
        return required.entrySet().stream()
                .allMatch(e -> target.labels().getOrDefault(e.getKey(), "").equals(e.getValue()));
    }
}
