package io.certgauge.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A targets file that cannot be used, with every problem the checks could see. The message is one
 * line per problem, ready for stderr.
 */
public final class ConfigException extends Exception {

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::format).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /** The problems in line order. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
