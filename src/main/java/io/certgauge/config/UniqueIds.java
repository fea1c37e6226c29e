package io.certgauge.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Gathers targets in file order and reports an id used twice, naming both places. */
final class UniqueIds {

    private record First(FieldPath at, int line) {}

    private final Problems problems;
    private final String hint;
    private final List<Target> targets = new ArrayList<>();
    private final Map<String, First> seen = new HashMap<>();

    /**
     * @param hint how to fix a duplicate in this kind of file
     */
    UniqueIds(Problems problems, String hint) {
        this.problems = problems;
        this.hint = hint;
    }

    void add(FieldPath at, Target target) {
        First first = seen.putIfAbsent(target.id(), new First(at, problems.line(at)));
        if (first == null) {
            targets.add(target);
            return;
        }
        String where =
                first.at().display() != null
                        ? first.at().display() + " on line " + first.line()
                        : "line " + first.line();
        problems.add(
                at,
                "target id " + BadValue.quote(target.id()) + " is already used by " + where,
                hint);
    }

    List<Target> targets() {
        return targets;
    }
}
