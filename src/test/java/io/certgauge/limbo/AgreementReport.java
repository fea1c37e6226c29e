package io.certgauge.limbo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Agreement of certgauge's verdicts with x509-limbo's expected results, and the Markdown page
 * ({@code docs/validation.md}) that reports it. Percentages are cut, not rounded, to one decimal,
 * so a figure never claims more agreement than was measured.
 */
final class AgreementReport {

    /** Families in the order the page lists them; any other family follows in name order. */
    static final List<String> FAMILY_ORDER =
            List.of(
                    "bettertls::nameconstraints",
                    "bettertls::pathbuilding",
                    "rfc5280",
                    "webpki",
                    "pathlen",
                    "pathological",
                    "crl",
                    "cve",
                    "online",
                    "invalid");

    static final String REGENERATE =
            "mvn -o -q -B test -Dtest=RegenerateValidationPageTest -Dlimbo.write=true";

    private static final Pattern FIRST_LINE =
            Pattern.compile("agreement: all (\\d{1,3}\\.\\d) %, x509-limbo own (\\d{1,3}\\.\\d) %");

    /** The two headline figures, in percent with one decimal. */
    record Figures(BigDecimal all, BigDecimal own) {

        String firstLine() {
            return "agreement: all "
                    + all.toPlainString()
                    + " %, x509-limbo own "
                    + own.toPlainString()
                    + " %";
        }

        boolean atLeast(Figures floor) {
            return all.compareTo(floor.all) >= 0 && own.compareTo(floor.own) >= 0;
        }
    }

    /** Counts for one group of testcases. */
    record Tally(int cases, int agreed, int wronglyAccepted, int wronglyRejected) {

        static Tally of(List<LimboHarness.Grade> grades) {
            int agreed = 0;
            int accepted = 0;
            int rejected = 0;
            for (LimboHarness.Grade g : grades) {
                if (g.agrees()) {
                    agreed++;
                } else if (g.accepted()) {
                    accepted++;
                } else {
                    rejected++;
                }
            }
            return new Tally(grades.size(), agreed, accepted, rejected);
        }

        BigDecimal percent() {
            if (cases == 0) {
                return BigDecimal.ZERO.setScale(1);
            }
            return BigDecimal.valueOf(agreed * 100L)
                    .divide(BigDecimal.valueOf(cases), 1, RoundingMode.DOWN);
        }
    }

    private final List<LimboHarness.Grade> grades;
    private final Map<String, String> notes;

    /**
     * @param notes why certgauge disagrees with a testcase, by id, as written by a person; a
     *     disagreement without a note is shown as not yet explained
     */
    AgreementReport(List<LimboHarness.Grade> grades, Map<String, String> notes) {
        this.grades =
                grades.stream()
                        .sorted(Comparator.comparing(g -> g.testcase().id()))
                        .collect(Collectors.toList());
        this.notes = Map.copyOf(notes);
    }

    Tally all() {
        return Tally.of(grades);
    }

    Tally own() {
        return Tally.of(
                grades.stream().filter(g -> g.testcase().limboOwn()).collect(Collectors.toList()));
    }

    Figures figures() {
        return new Figures(all().percent(), own().percent());
    }

    List<LimboHarness.Grade> disagreements() {
        return grades.stream().filter(g -> !g.agrees()).collect(Collectors.toList());
    }

    /** The figures on a page's first line, if it has the expected form. */
    static Optional<Figures> parseFirstLine(String page) {
        String first = page.lines().findFirst().orElse("");
        Matcher m = FIRST_LINE.matcher(first.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Figures(new BigDecimal(m.group(1)), new BigDecimal(m.group(2))));
    }

    Map<String, List<LimboHarness.Grade>> byFamily() {
        Map<String, List<LimboHarness.Grade>> groups =
                grades.stream().collect(Collectors.groupingBy(g -> g.testcase().family()));
        Map<String, List<LimboHarness.Grade>> ordered = new LinkedHashMap<>();
        for (String family : FAMILY_ORDER) {
            if (groups.containsKey(family)) {
                ordered.put(family, groups.get(family));
            }
        }
        groups.keySet().stream()
                .filter(f -> !ordered.containsKey(f))
                .sorted()
                .forEach(f -> ordered.put(f, groups.get(f)));
        return ordered;
    }

    /** The whole page, first line first. */
    String render() {
        StringBuilder page = new StringBuilder();
        page.append(figures().firstLine()).append("\n\n");
        page.append(intro());
        page.append(familyTable());
        page.append(disagreementList());
        return page.toString();
    }

    private String intro() {
        Tally all = all();
        Tally own = own();
        return "This page is generated; do not edit it by hand. Regenerate it with `"
                + REGENERATE
                + "`, which runs certgauge's Analyzer over every SERVER testcase of x509-limbo"
                + " and rewrites this page. The test suite runs the same harness"
                + " (`LimboAgreementTest`), writes its fresh report to"
                + " `target/limbo/validation.md`, and fails when either figure falls below the"
                + " first line of this page.\n\n"
                + "## How testcases are graded\n\n"
                + "The suite is x509-limbo's `limbo.json.gz`, committed unchanged under"
                + " `src/test/resources/x509-limbo/` with its licence (Apache-2.0). Each SERVER"
                + " testcase goes to `Analyzer.analyze` as one presented chain: the peer"
                + " certificate, then every untrusted intermediate (x509-limbo's intermediates"
                + " are a pool to build a path from, which is what a server's chain is to the"
                + " Analyzer). The trusted certificates are trust anchors marked public, so the"
                + " CA/Browser Forum profile applies, as x509-limbo expects of a web PKI"
                + " validator. The clock is fixed at the testcase's validation time, or is now"
                + " when it gives none. The expected peer name is the checked name (DNS or IP;"
                + " no SERVER testcase names an RFC 822 address, and one would be left"
                + " unchecked). A testcase's `max_chain_depth`, `key_usage` and"
                + " `extended_key_usage` are passed on as validation options. A testcase's"
                + " CRLs are given to the Analyzer as CRLs supplied with the chain, which it"
                + " reads without any fetch and holds to the rules of a fetched CRL (issued and"
                + " signed by the leaf's issuer, whose keyUsage allows cRLSign, a non-critical"
                + " cRLNumber, current dates); a CRL of another issuer is ignored.\n\n"
                + "certgauge accepts a testcase when its report has no error-level finding"
                + " other than `incomplete_chain`; `revoked` is such a finding. For a testcase"
                + " that supplies CRLs, `revocation_unknown` (a warning elsewhere) is a"
                + " rejection too: x509-limbo expects failure when the status cannot be"
                + " established from the CRLs given. A certificate or CRL the JDK cannot parse"
                + " is a rejection. Percentages are cut (not rounded) to one decimal.\n\n"
                + "| testcases | agreement | wrongly accepted | wrongly rejected |\n"
                + "| --- | --- | --- | --- |\n"
                + "| all SERVER, "
                + all.cases()
                + " | "
                + all.agreed()
                + " ("
                + all.percent()
                + " %) | "
                + all.wronglyAccepted()
                + " | "
                + all.wronglyRejected()
                + " |\n"
                + "| x509-limbo's own (not `bettertls::`), "
                + own.cases()
                + " | "
                + own.agreed()
                + " ("
                + own.percent()
                + " %) | "
                + own.wronglyAccepted()
                + " | "
                + own.wronglyRejected()
                + " |\n\n";
    }

    private String familyTable() {
        StringBuilder table = new StringBuilder();
        table.append("## Agreement by family\n\n")
                .append(
                        "| family | testcases | agreed | agreement | wrongly accepted"
                                + " | wrongly rejected |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        for (Map.Entry<String, List<LimboHarness.Grade>> e : byFamily().entrySet()) {
            Tally t = Tally.of(e.getValue());
            table.append("| `")
                    .append(e.getKey())
                    .append("` | ")
                    .append(t.cases())
                    .append(" | ")
                    .append(t.agreed())
                    .append(" | ")
                    .append(t.percent())
                    .append(" % | ")
                    .append(t.wronglyAccepted())
                    .append(" | ")
                    .append(t.wronglyRejected())
                    .append(" |\n");
        }
        return table.append('\n').toString();
    }

    private String disagreementList() {
        StringBuilder list = new StringBuilder("## Every disagreement\n\n");
        List<LimboHarness.Grade> wrong = disagreements();
        if (wrong.isEmpty()) {
            return list.append("None.\n").toString();
        }
        list.append(
                "Each entry: the testcase id, what x509-limbo expects, why certgauge"
                        + " disagrees, and what the Analyzer said.\n");
        Map<String, List<LimboHarness.Grade>> byFamily = new LinkedHashMap<>();
        for (Map.Entry<String, List<LimboHarness.Grade>> e : byFamily().entrySet()) {
            List<LimboHarness.Grade> inFamily = new ArrayList<>();
            for (LimboHarness.Grade g : e.getValue()) {
                if (!g.agrees()) {
                    inFamily.add(g);
                }
            }
            if (!inFamily.isEmpty()) {
                byFamily.put(e.getKey(), inFamily);
            }
        }
        for (Map.Entry<String, List<LimboHarness.Grade>> e : byFamily.entrySet()) {
            list.append("\n### `").append(e.getKey()).append("`\n\n");
            for (LimboHarness.Grade g : e.getValue()) {
                list.append(entry(g));
            }
        }
        return list.toString();
    }

    private String entry(LimboHarness.Grade g) {
        String id = g.testcase().id();
        String verdict =
                g.accepted()
                        ? "expected FAILURE, certgauge accepts"
                        : "expected SUCCESS, certgauge rejects";
        String why = notes.getOrDefault(id, "not yet explained.");
        return "- `" + id + "` (" + verdict + "): " + why + " Analyzer: " + g.said() + "\n";
    }
}
