package io.certgauge.export.zabbix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.certgauge.chain.CertificateFacts;
import io.certgauge.chain.ChainReport;
import io.certgauge.chain.FindingCode;
import io.certgauge.chain.Severity;
import io.certgauge.config.Target;
import io.certgauge.result.AddressResult;
import io.certgauge.result.Snapshot;
import io.certgauge.result.TargetResult;
import io.certgauge.verdict.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The two Zabbix endpoints as JSON text.
 *
 * <p>{@code /zabbix/discovery}: an array, one object per target, with {@code {#TARGET}}, {@code
 * {#HOST}}, {@code {#PORT}} and one macro per label key of the whole configuration, upper-cased.
 * {@code {#OWNER}} and {@code {#DEPARTMENT}} are always present and every macro is empty where a
 * target lacks the label, so tags never show a raw macro. Macro values are strings, as Zabbix
 * substitutes them into text.
 *
 * <p>{@code /zabbix/targets}: an object keyed by target id; the fields of the interface contract
 * (numbers as JSON numbers, never a sentinel: an unknown value is left out). {@code status} is the
 * {@link Verdict}'s state in lower case; a target not probed yet has {@code unknown} and no {@code
 * probe_ok}, so no probe-failure trigger fires before the first round reached it. {@code error} is
 * the first failed address's reason; {@code last_success} is the oldest of the addresses' last
 * successes, since a stale address is what needs attention. Thread-safe.
 */
public final class ZabbixExporter {

    private static final List<String> ALWAYS = List.of("department", "owner");

    private final ObjectMapper json =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private final Clock clock;

    public ZabbixExporter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The low-level discovery array of the targets that match {@code filter}. */
    public String discovery(Snapshot snapshot, LabelFilter filter) {
        SortedSet<String> keys = new TreeSet<>(ALWAYS);
        snapshot.targets().forEach(r -> keys.addAll(r.target().labels().keySet()));

        List<Map<String, String>> rows = new ArrayList<>();
        for (TargetResult result : matching(snapshot, filter)) {
            Target t = result.target();
            Map<String, String> row = new LinkedHashMap<>();
            row.put("{#TARGET}", t.id());
            row.put("{#HOST}", t.host());
            row.put("{#PORT}", Integer.toString(t.port()));
            for (String key : keys) {
                row.put(macro(key), t.labels().getOrDefault(key, ""));
            }
            rows.add(row);
        }
        return write(rows);
    }

    /** The object keyed by target id, of the targets that match {@code filter}. */
    public String targets(Snapshot snapshot, LabelFilter filter) {
        Map<String, ZabbixTarget> byId = new LinkedHashMap<>();
        for (TargetResult result : matching(snapshot, filter)) {
            byId.put(result.target().id(), target(result));
        }
        return write(byId);
    }

    private static List<TargetResult> matching(Snapshot snapshot, LabelFilter filter) {
        return snapshot.targets().stream().filter(r -> filter.matches(r.target())).toList();
    }

    private static String macro(String labelKey) {
        return "{#" + labelKey.toUpperCase(Locale.ROOT) + "}";
    }

    private ZabbixTarget target(TargetResult result) {
        Target t = result.target();
        Verdict verdict = Verdict.of(result, clock);
        boolean pending = result.pendingFirstProbe();
        Optional<CertificateFacts> leaf =
                result.worstAddress().map(a -> CertificateFacts.of(a.report().leaf()));
        List<ChainReport> reports = result.reports();

        return new ZabbixTarget(
                t.host(),
                t.port(),
                pending ? null : flag(result.probeOk()),
                result.addresses().stream()
                        .flatMap(a -> a.failure().stream())
                        .map(f -> f.reason().label())
                        .findFirst()
                        .orElse(""),
                boxed(verdict.daysLeft().isPresent(), verdict.daysLeft().orElse(0)),
                boxed(verdict.chainDaysLeft().isPresent(), verdict.chainDaysLeft().orElse(0)),
                leaf.map(l -> l.notAfter().getEpochSecond()).orElse(null),
                reports.isEmpty() ? null : flag(noErrors(result.findingCodes())),
                codes(result.findingCodes()),
                leaf.map(CertificateFacts::subject).orElse(null),
                leaf.map(CertificateFacts::issuer).orElse(null),
                leaf.map(CertificateFacts::serial).orElse(null),
                verdict.status().lowerCase(),
                result.addresses().stream()
                        .flatMap(a -> a.lastSuccess().stream())
                        .min(Instant::compareTo)
                        .map(Instant::getEpochSecond)
                        .orElse(null),
                result.addresses().stream().map(this::address).toList());
    }

    private ZabbixAddress address(AddressResult a) {
        Instant now = clock.instant();
        Optional<ChainReport> report = a.chain();
        return new ZabbixAddress(
                a.address(),
                flag(a.probeOk()),
                a.failure().map(f -> f.reason().label()).orElse(""),
                a.failure().map(f -> f.message()).orElse(null),
                report.map(r -> Verdict.daysBetween(now, r.leafNotAfter())).orElse(null),
                report.filter(r -> r.chainNotAfter() != null)
                        .map(r -> Verdict.daysBetween(now, r.chainNotAfter()))
                        .orElse(null),
                report.map(r -> r.leafNotAfter().getEpochSecond()).orElse(null),
                report.map(r -> flag(r.valid())).orElse(null),
                report.map(r -> codes(r.findings().stream().map(f -> f.code()).toList()))
                        .orElse(List.of()),
                report.map(r -> CertificateFacts.of(r.leaf()).serial()).orElse(null),
                a.lastSuccess().map(Instant::getEpochSecond).orElse(null));
    }

    /** Codes in enum order (errors first), each once. */
    private static List<String> codes(Collection<FindingCode> codes) {
        return new TreeSet<>(codes).stream().map(FindingCode::code).toList();
    }

    private static boolean noErrors(Collection<FindingCode> codes) {
        return codes.stream().noneMatch(c -> c.severity() == Severity.ERROR);
    }

    private static Integer flag(boolean value) {
        return value ? 1 : 0;
    }

    private static Double boxed(boolean present, double value) {
        return present ? value : null;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write Zabbix JSON", e);
        }
    }
}
