package io.certgauge.config;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A targets file as written, before any check. Scalars are kept as their text (so {@code 0443},
 * {@code 1.10} and {@code no} reach the checks as written), and keys the file should not have land
 * in {@code otherKeys}: the checks then report all of them, not the first alone. Valid keys are
 * snake_case, so the camel-case {@code otherKeys} cannot clash with one.
 */
final class RawYaml {

    private RawYaml() {}

    record File(
            Defaults defaults,
            String concurrency,
            List<TargetEntry> targets,
            List<String> files,
            @JsonProperty("probe_allow") List<String> probeAllow,
            @JsonAnySetter Map<String, Object> otherKeys) {}

    record Defaults(
            String interval,
            String timeout,
            @JsonProperty("warning_days") String warningDays,
            @JsonProperty("critical_days") String criticalDays,
            @JsonProperty("emergency_days") String emergencyDays,
            String revocation,
            @JsonAnySetter Map<String, Object> otherKeys) {}

    record Target(
            String host,
            String port,
            String sni,
            String starttls,
            String name,
            Map<String, String> labels,
            @JsonProperty("ca_file") String caFile,
            String timeout,
            String interval,
            @JsonProperty("warning_days") String warningDays,
            @JsonProperty("critical_days") String criticalDays,
            @JsonProperty("emergency_days") String emergencyDays,
            @JsonProperty("ip_family") String ipFamily,
            String revocation,
            @JsonProperty("private") String privateRoots,
            @JsonAnySetter Map<String, Object> otherKeys) {}

    /**
     * One item of {@code targets}: the string form, the object form, or an object that did not bind
     * (a list where a value belongs, say). The failure is kept so that the other targets are still
     * checked.
     */
    @JsonDeserialize(using = TargetEntryReader.class)
    record TargetEntry(String spec, Target fields, DatabindException failure) {}

    /** The keys a record accepts, as written in the file, for "unknown key" hints. */
    static List<String> keysOf(Class<? extends Record> type) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            // Jackson's annotations do not target record components; they land on the accessor.
            Method accessor = component.getAccessor();
            JsonProperty renamed = accessor.getAnnotation(JsonProperty.class);
            if (accessor.getAnnotation(JsonAnySetter.class) == null) {
                keys.add(renamed != null ? renamed.value() : component.getName());
            }
        }
        return keys;
    }

    static final class TargetEntryReader extends StdDeserializer<TargetEntry> {

        TargetEntryReader() {
            super(TargetEntry.class);
        }

        @Override
        public TargetEntry deserialize(JsonParser parser, DeserializationContext context)
                throws IOException {
            if (parser.currentToken().isScalarValue()) {
                return new TargetEntry(parser.getText(), null, null);
            }
            JsonStreamContext list = parser.getParsingContext().getParent();
            try {
                return new TargetEntry(null, context.readValue(parser, Target.class), null);
            } catch (DatabindException e) {
                skipRestOfEntry(parser, list);
                return new TargetEntry(null, null, e);
            }
        }

        /** Moves to the end of the failed item, so binding goes on with the next one. */
        private static void skipRestOfEntry(JsonParser parser, JsonStreamContext list)
                throws IOException {
            while (!(parser.getParsingContext() == list && isEnd(parser.currentToken()))) {
                if (parser.nextToken() == null) {
                    return;
                }
            }
        }

        private static boolean isEnd(JsonToken token) {
            return token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY;
        }
    }
}
