package io.certgauge.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.certgauge.probe.IpFamily;
import io.certgauge.probe.StartTls;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a YAML targets file: binds it into {@link RawYaml} records, then checks every value. */
final class YamlTargetsFile {

    // YAML 1.1 reads no, yes, on and off as booleans; label values must stay as written, so
    // only true and false are booleans here, and the on/off fields take their words themselves.
    // (The String fields would get the scalar's text either way; the token type matters to
    // anything that reads values untyped, such as the keys collected as unknown.)
    static final YAMLFactory FACTORY =
            YAMLFactory.builder()
                    .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
    private static final int DEFAULT_CONCURRENCY = 64;
    private static final String THRESHOLD_ORDER =
            "thresholds must run warning_days >= critical_days >= emergency_days";

    private final Path file;
    private final Path folder;
    private final Problems problems;

    private YamlTargetsFile(Path file, Problems problems) {
        this.file = file;
        this.folder = file.toAbsolutePath().getParent();
        this.problems = problems;
    }

    static Config read(Path file, String text) throws ConfigException {
        LineIndex lines;
        try {
            lines = LineIndex.scan(FACTORY, text);
        } catch (IOException e) {
            throw new ConfigException(YamlSyntax.problem(file, e));
        }
        Problems problems = new Problems(file, lines);
        if (lines.isEmpty()) {
            problems.add(FieldPath.ROOT, "the file is empty", "list the endpoints under targets:");
            problems.throwIfAny();
        }

        // A value of the wrong shape outside a target (targets: written as one word, say) stops
        // the checks here: without the records there is nothing more to check.
        // Limitation: only the first YAML document of the file is read; later ones are ignored.
        RawYaml.File raw = null;
        try {
            raw = MAPPER.readValue(text, RawYaml.File.class);
        } catch (DatabindException e) {
            bindingProblem(problems, FieldPath.ROOT, e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(YamlSyntax.problem(file, e));
        }
        problems.throwIfAny();

        Config config = new YamlTargetsFile(file, problems).config(raw);
        problems.throwIfAny();
        return config;
    }

    private Config config(RawYaml.File raw) {
        unknownKeys(FieldPath.ROOT, raw.otherKeys(), RawYaml.File.class);
        Defaults defaults = defaults(raw.defaults());
        Integer concurrency =
                problems.check(
                        FieldPath.ROOT.key("concurrency"), raw.concurrency(), Values::concurrency);
        List<Target> targets = targets(raw.targets(), defaults);
        List<String> files = strings(FieldPath.ROOT.key("files"), raw.files());
        List<String> probeAllow = probeAllow(raw.probeAllow());
        return new Config(
                file,
                concurrency != null ? concurrency : DEFAULT_CONCURRENCY,
                defaults,
                targets,
                files,
                probeAllow);
    }

    private Defaults defaults(RawYaml.Defaults raw) {
        Defaults builtIn = Defaults.BUILT_IN;
        if (raw == null) {
            return builtIn;
        }
        FieldPath at = FieldPath.ROOT.key("defaults");
        unknownKeys(at, raw.otherKeys(), RawYaml.Defaults.class);
        Duration interval = duration(at.key("interval"), raw.interval(), builtIn.interval());
        Duration timeout = duration(at.key("timeout"), raw.timeout(), builtIn.timeout());
        Thresholds thresholds =
                thresholds(
                        at,
                        builtIn.thresholds(),
                        false,
                        raw.warningDays(),
                        raw.criticalDays(),
                        raw.emergencyDays());
        Boolean revocation = problems.check(at.key("revocation"), raw.revocation(), Values::onOff);
        return new Defaults(
                interval,
                timeout,
                thresholds,
                revocation != null ? revocation : builtIn.revocation());
    }

    private List<Target> targets(List<RawYaml.TargetEntry> entries, Defaults defaults) {
        UniqueIds ids = new UniqueIds(problems, "give one of them its own name: field");
        if (entries == null) {
            return ids.targets();
        }
        for (int i = 0; i < entries.size(); i++) {
            FieldPath at = FieldPath.ROOT.key("targets").index(i);
            int before = problems.count();
            Target target = target(at, entries.get(i), defaults);
            // A target with a bad field gets no id check: its id could be wrong.
            if (target != null && problems.count() == before) {
                ids.add(at, target);
            }
        }
        return ids.targets();
    }

    private Target target(FieldPath at, RawYaml.TargetEntry entry, Defaults defaults) {
        if (entry == null) {
            problems.add(at, "the item is empty", "write a host or a mapping with host:");
            return null;
        }
        if (entry.failure() != null) {
            bindingProblem(problems, at, entry.failure());
            return null;
        }
        if (entry.spec() != null) {
            Values.Spec spec = problems.check(at, entry.spec(), Values::spec);
            return spec == null
                    ? null
                    : Targets.build(spec, null, defaults).withLine(problems.line(at));
        }
        return target(at, entry.fields(), defaults);
    }

    private Target target(FieldPath at, RawYaml.Target raw, Defaults defaults) {
        unknownKeys(at, raw.otherKeys(), RawYaml.Target.class);
        Values.Host host = problems.check(at.key("host"), raw.host(), Values::host);
        if (raw.host() == null) {
            problems.add(at, "the target has no host", "add host: with a name or an address");
        }
        Integer port = problems.check(at.key("port"), raw.port(), Values::port);
        StartTls starttls = problems.check(at.key("starttls"), raw.starttls(), Values::starttls);
        String sni = problems.check(at.key("sni"), raw.sni(), Values::sni);
        String name = problems.check(at.key("name"), raw.name(), Values::name);
        Map<String, String> labels = labels(at.key("labels"), raw.labels());
        Path caFile = problems.check(at.key("ca_file"), raw.caFile(), this::caFile);
        Duration interval = duration(at.key("interval"), raw.interval(), defaults.interval());
        Duration timeout = duration(at.key("timeout"), raw.timeout(), defaults.timeout());
        Thresholds thresholds =
                thresholds(
                        at,
                        defaults.thresholds(),
                        true,
                        raw.warningDays(),
                        raw.criticalDays(),
                        raw.emergencyDays());
        IpFamily ipFamily = problems.check(at.key("ip_family"), raw.ipFamily(), Values::ipFamily);
        Boolean revocation = problems.check(at.key("revocation"), raw.revocation(), Values::onOff);
        Boolean privateRoots = problems.check(at.key("private"), raw.privateRoots(), Values::bool);
        if (host == null) {
            return null;
        }

        int resolvedPort = port != null ? port : Targets.defaultPort(starttls);
        return new Target(
                Targets.id(name, host.written(), resolvedPort, starttls),
                host.written(),
                host.ascii(),
                resolvedPort,
                sni,
                starttls,
                labels,
                caFile,
                interval,
                timeout,
                ipFamily != null ? ipFamily : IpFamily.ANY,
                thresholds,
                revocation != null ? revocation : defaults.revocation(),
                privateRoots != null && privateRoots,
                problems.line(at));
    }

    private Map<String, String> labels(FieldPath at, Map<String, String> raw) {
        Map<String, String> labels = new TreeMap<>();
        if (raw == null) {
            return labels;
        }
        for (Map.Entry<String, String> label : raw.entrySet()) {
            String key = problems.check(at.key(label.getKey()), label.getKey(), Values::labelKey);
            if (key != null) {
                // An empty value (owner:) is an empty label, as Prometheus treats a missing one.
                labels.put(key, label.getValue() == null ? "" : label.getValue());
            }
        }
        return labels;
    }

    /** {@code ca_file}, relative to the targets file's folder. */
    // Limitation: a leading ~ is not expanded; write the path in full or relative to the file.
    private Path caFile(String written) {
        String value = written.strip();
        return Targets.readableCaFile(
                folder.resolve(value).normalize(), value, "the targets file's folder");
    }

    private Duration duration(FieldPath at, String text, Duration fallback) {
        Duration duration = problems.check(at, text, Values::positiveDuration);
        return duration != null ? duration : fallback;
    }

    /**
     * The thresholds a block sets over those it inherits, in order; a problem when not.
     *
     * @param inherits whether {@code base} comes from {@code defaults} (for the message)
     */
    private Thresholds thresholds(
            FieldPath at,
            Thresholds base,
            boolean inherits,
            String warningText,
            String criticalText,
            String emergencyText) {
        int before = problems.count();
        Double warning = problems.check(at.key("warning_days"), warningText, Values::days);
        Double critical = problems.check(at.key("critical_days"), criticalText, Values::days);
        Double emergency = problems.check(at.key("emergency_days"), emergencyText, Values::days);
        Thresholds t =
                new Thresholds(
                        warning != null ? warning : base.warningDays(),
                        critical != null ? critical : base.criticalDays(),
                        emergency != null ? emergency : base.emergencyDays());
        boolean anySet = warningText != null || criticalText != null || emergencyText != null;
        if (!anySet || problems.count() > before) {
            return t;
        }

        String from = inherits ? " (from defaults)" : "";
        if (t.warningDays() < t.criticalDays()) {
            FieldPath field = at.key(warningText != null ? "warning_days" : "critical_days");
            problems.add(
                    field,
                    "warning_days "
                            + days(t.warningDays())
                            + (warning == null ? from : "")
                            + " is below critical_days "
                            + days(t.criticalDays())
                            + (critical == null ? from : ""),
                    THRESHOLD_ORDER);
        }
        if (t.criticalDays() < t.emergencyDays()) {
            FieldPath field = at.key(criticalText != null ? "critical_days" : "emergency_days");
            problems.add(
                    field,
                    "critical_days "
                            + days(t.criticalDays())
                            + (critical == null ? from : "")
                            + " is below emergency_days "
                            + days(t.emergencyDays())
                            + (emergency == null ? from : ""),
                    THRESHOLD_ORDER);
        }
        return t;
    }

    private static String days(double days) {
        return days == Math.rint(days) ? Long.toString((long) days) : Double.toString(days);
    }

    private List<String> probeAllow(List<String> raw) {
        FieldPath at = FieldPath.ROOT.key("probe_allow");
        List<String> patterns = strings(at, raw);
        for (int i = 0; i < patterns.size(); i++) {
            problems.check(at.index(i), patterns.get(i), ProbeAllowList::compile);
        }
        return patterns;
    }

    private List<String> strings(FieldPath at, List<String> raw) {
        List<String> values = new ArrayList<>();
        if (raw == null) {
            return values;
        }
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i) == null || raw.get(i).isBlank()) {
                problems.add(at.index(i), "the item is empty", "remove it or write a value");
            } else {
                values.add(raw.get(i).strip());
            }
        }
        return values;
    }

    private void unknownKeys(
            FieldPath at, Map<String, Object> others, Class<? extends Record> type) {
        if (others == null) {
            return;
        }
        for (String key : others.keySet()) {
            problems.add(
                    at.key(key),
                    "unknown key " + BadValue.quote(key),
                    "accepted here: " + String.join(", ", RawYaml.keysOf(type)));
        }
    }

    /** A value of the wrong shape (a list where one value belongs): one problem, at its line. */
    private static void bindingProblem(Problems problems, FieldPath at, DatabindException e) {
        FieldPath field = at;
        for (JsonMappingException.Reference ref : ((JsonMappingException) e).getPath()) {
            field =
                    ref.getFieldName() != null
                            ? field.key(ref.getFieldName())
                            : field.index(ref.getIndex());
        }
        int line = e.getLocation() != null ? e.getLocation().getLineNr() : problems.line(field);
        problems.addAtLine(line, field, shapeMessage(e), null);
    }

    private static String shapeMessage(DatabindException e) {
        if (!(e instanceof MismatchedInputException mismatch) || mismatch.getTargetType() == null) {
            return ((JsonProcessingException) e).getOriginalMessage();
        }
        Class<?> expected = mismatch.getTargetType();
        if (expected == String.class) {
            return "expected a single value here, not a list or a mapping";
        }
        if (List.class.isAssignableFrom(expected)) {
            return "expected a list here (items starting with -)";
        }
        return "expected a mapping here (key: value lines)";
    }
}
