package io.certgauge.limbo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * The x509-limbo suite as committed under {@code src/test/resources/x509-limbo/}: the file is kept
 * exactly as published so scores stay comparable with other validators'.
 */
final class LimboSuite {

    static final String RESOURCE = "/x509-limbo/limbo.json.gz";

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Document(int version, List<LimboCase> testcases) {}

    private LimboSuite() {}

    /** Every testcase of the suite, CLIENT ones included, in file order. */
    static List<LimboCase> all() {
        try (InputStream raw = LimboSuite.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            Document doc = new ObjectMapper().readValue(new GZIPInputStream(raw), Document.class);
            if (doc.version() != 1) {
                throw new IllegalStateException(
                        "x509-limbo schema version " + doc.version() + " found, 1 expected");
            }
            return doc.testcases();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The SERVER testcases: what a TLS client, and so certgauge, validates. */
    static List<LimboCase> server() {
        return all().stream().filter(LimboCase::server).collect(Collectors.toList());
    }
}
