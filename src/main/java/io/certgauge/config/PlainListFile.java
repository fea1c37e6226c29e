package io.certgauge.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a plain-list targets file: one {@code host[:port][/starttls]} a line, {@code #} starting a
 * comment, blank lines ignored. Every target takes the built-in defaults.
 */
final class PlainListFile {

    private static final int DEFAULT_CONCURRENCY = 64;

    private PlainListFile() {}

    static Config read(Path file, String text) throws ConfigException {
        String[] rows = text.split("\\R", -1);
        Map<String, Integer> lineOf = new HashMap<>();
        Map<Integer, String> specs = new HashMap<>();
        int count = 0;
        for (int row = 0; row < rows.length; row++) {
            String spec = withoutComment(rows[row]).strip();
            if (!spec.isEmpty()) {
                FieldPath at = FieldPath.ROOT.key("targets").index(count);
                lineOf.put(at.pointer(), row + 1);
                specs.put(count++, spec);
            }
        }

        Problems problems = new Problems(file, new LineIndex(lineOf));
        UniqueIds ids = new UniqueIds(problems, "remove the repeated line");
        for (int i = 0; i < count; i++) {
            FieldPath at = FieldPath.ROOT.key("targets").index(i).anonymous();
            Values.Spec spec = problems.check(at, specs.get(i), Values::spec);
            if (spec != null) {
                ids.add(
                        at,
                        Targets.build(spec, null, Defaults.BUILT_IN).withLine(problems.line(at)));
            }
        }
        problems.throwIfAny();
        return new Config(
                file, DEFAULT_CONCURRENCY, Defaults.BUILT_IN, ids.targets(), List.of(), List.of());
    }

    private static String withoutComment(String row) {
        int hash = row.indexOf('#');
        return hash < 0 ? row : row.substring(0, hash);
    }
}
