package io.certgauge.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Collects the problems of one targets file, so that every one is reported at once. */
final class Problems {

    private final Path file;
    private final LineIndex lines;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(Path file, LineIndex lines) {
        this.file = file;
        this.lines = lines;
    }

    int line(FieldPath at) {
        return lines.line(at.pointer());
    }

    void add(FieldPath at, String message, String hint) {
        addAtLine(line(at), at, message, hint);
    }

    void add(FieldPath at, BadValue bad) {
        add(at, bad.reason(), bad.hint());
    }

    /** A problem at a line the parser reported, rather than one the index knows. */
    void addAtLine(int line, FieldPath at, String message, String hint) {
        String field = at.display() == null || at.display().isEmpty() ? null : at.display();
        found.add(new ConfigProblem(file, line, field, message, hint));
    }

    /**
     * Converts a written value, recording a problem instead of failing.
     *
     * @return the value, or {@code null} when it is absent or bad
     */
    <T> T check(FieldPath at, String text, Function<String, T> conversion) {
        if (text == null) {
            return null;
        }
        try {
            return conversion.apply(text);
        } catch (BadValue bad) {
            add(at, bad);
            return null;
        }
    }

    int count() {
        return found.size();
    }

    /** Throws when anything was found, with the problems in line order. */
    void throwIfAny() throws ConfigException {
        if (!found.isEmpty()) {
            List<ConfigProblem> sorted = new ArrayList<>(found);
            sorted.sort(Comparator.comparingInt(ConfigProblem::line));
            throw new ConfigException(sorted);
        }
    }
}
