package io.certgauge.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every key and list item of a document, by JSON Pointer. Binding into records loses
 * the parser's locations, so one streaming pass records them first; a problem found later looks its
 * line up here. A key's line is the key's own, not its value's.
 */
final class LineIndex {

    private final Map<String, Integer> lines;

    LineIndex(Map<String, Integer> lines) {
        this.lines = Map.copyOf(lines);
    }

    /**
     * Reads the whole document once.
     *
     * @throws IOException on a syntax error, with the parser's location
     */
    static LineIndex scan(JsonFactory factory, String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = factory.createParser(text)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.END_OBJECT
                        || parser.currentToken() == JsonToken.END_ARRAY) {
                    continue;
                }
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        }
        return new LineIndex(lines);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /** The line of the value at this pointer, or of its nearest parent that has one; else 0. */
    int line(String pointer) {
        String at = pointer;
        while (true) {
            Integer line = lines.get(at);
            if (line != null) {
                return line;
            }
            if (at.isEmpty()) {
                return 0;
            }
            at = at.substring(0, at.lastIndexOf('/'));
        }
    }
}
