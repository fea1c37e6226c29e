package io.certgauge.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Path;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Turns a YAML parser's complaint into one readable problem with its line. */
final class YamlSyntax {

    private static final String HINT = "check the indentation, quotes and brackets on that line";

    private YamlSyntax() {}

    static ConfigProblem problem(Path file, IOException e) {
        int line = 0;
        String message = e.getMessage();
        if (e instanceof JsonProcessingException parse) {
            message = parse.getOriginalMessage();
            line = parse.getLocation() != null ? parse.getLocation().getLineNr() : 0;
        }
        // SnakeYAML's own message spans several lines with a caret drawing; its problem text is
        // the one sentence worth printing.
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            message = marked.getProblem();
            if (marked.getProblemMark() != null) {
                line = marked.getProblemMark().getLine() + 1;
            }
        }
        if (message != null && message.startsWith("Duplicate field ")) {
            return new ConfigProblem(
                    file,
                    line,
                    null,
                    "key " + message.substring("Duplicate field ".length()) + " appears twice",
                    "keep one of them");
        }
        return new ConfigProblem(file, line, null, "YAML syntax: " + firstLine(message), HINT);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
