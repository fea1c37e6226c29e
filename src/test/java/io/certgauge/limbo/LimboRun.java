package io.certgauge.limbo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the harness over every SERVER testcase, made once per JVM and shared by the test that
 * checks the floor and the one that rewrites the page.
 */
final class LimboRun {

    static final String NOTES_RESOURCE = "/x509-limbo/disagreements.txt";

    private static final Logger LOG = LoggerFactory.getLogger(LimboRun.class);
    private static AgreementReport report;

    private LimboRun() {}

    static synchronized AgreementReport report() {
        if (report == null) {
            long start = System.nanoTime();
            List<LimboCase> cases = LimboSuite.server();
            // Testcases are independent and the Analyzer is thread-safe.
            List<LimboHarness.Grade> grades =
                    cases.parallelStream().map(LimboHarness::grade).collect(Collectors.toList());
            report = new AgreementReport(grades, notes());
            LOG.info(
                    "x509-limbo: {} SERVER testcases graded in {} ms: {}",
                    cases.size(),
                    (System.nanoTime() - start) / 1_000_000,
                    report.figures().firstLine());
        }
        return report;
    }

    /**
     * Why certgauge disagrees with a testcase, by id: one {@code id reason} a line, {@code #}
     * comments. Written by a person, since only a person can say whether a disagreement is a bug, a
     * deliberate choice or work not done yet.
     */
    static Map<String, String> notes() {
        Map<String, String> notes = new LinkedHashMap<>();
        try (InputStream in = LimboRun.class.getResourceAsStream(NOTES_RESOURCE)) {
            if (in == null) {
                return notes;
            }
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] parts = text.split("\\s+", 2);
                notes.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
            return notes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + NOTES_RESOURCE, e);
        }
    }
}
