package io.certgauge.http;

import io.certgauge.chain.CertificateFacts;
import io.certgauge.chain.FindingCode;
import io.certgauge.result.AddressResult;
import io.certgauge.result.Snapshot;
import io.certgauge.result.TargetResult;
import io.certgauge.verdict.Status;
import io.certgauge.verdict.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The plain status table at {@code /}: one row per target, worst state first and, within a state,
 * fewest days left first, with the same verdict the plugin gives. No scripts, no external
 * resources: it renders on an air-gapped console.
 */
final class StatusPage {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);

    private final Clock clock;

    StatusPage(Clock clock) {
        this.clock = clock;
    }

    String render(Snapshot snapshot) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>certgauge</title><style>")
                .append("body{font-family:sans-serif;margin:1.5em}")
                .append("table{border-collapse:collapse}td,th{padding:.25em .6em;")
                .append("border-bottom:1px solid #ddd;text-align:left;vertical-align:top}")
                .append(".ok{color:#1a7f37}.warning{color:#9a6700}.critical{color:#cf222e}")
                .append(".unknown{color:#57606a}td.num{text-align:right}")
                .append("</style></head><body>\n<h1>certgauge</h1>\n");
        html.append("<p>")
                .append(snapshot.targets().size())
                .append(" targets. Outputs: ")
                .append("<a href=\"/metrics\">/metrics</a>, ")
                .append("<a href=\"/zabbix/targets\">/zabbix/targets</a>, ")
                .append("<a href=\"/api/v1/targets\">/api/v1/targets</a>.</p>\n");
        html.append("<table>\n<tr><th>status</th><th>target</th><th>labels</th>")
                .append("<th>days left</th><th>expires</th><th>issuer</th><th>findings</th>")
                .append("<th>probe</th></tr>\n");
        snapshot.targets().stream()
                .map(t -> new Row(t, Verdict.of(t, clock)))
                .sorted(
                        Comparator.comparingInt(Row::rank)
                                .reversed()
                                .thenComparingDouble(Row::days))
                .forEach(r -> row(html, r.result(), r.verdict()));
        html.append("</table>\n</body></html>\n");
        return html.toString();
    }

    /** A target with its verdict, computed once per page. */
    private record Row(TargetResult result, Verdict verdict) {

        int rank() {
            Status status = verdict.status();
            return status == Status.UNKNOWN ? 1 : status.exitCode() * 2;
        }

        /** Days left for sorting; a target never read sorts last within its state. */
        double days() {
            return verdict.daysLeft().orElse(Double.MAX_VALUE);
        }
    }

    private void row(StringBuilder html, TargetResult result, Verdict verdict) {
        String css = verdict.status().lowerCase();
        html.append("<tr><td class=\"")
                .append(css)
                .append("\">")
                .append(verdict.status().word())
                .append("</td><td>")
                .append(escape(result.target().id()))
                .append("</td><td>")
                .append(escape(labels(result.target().labels())))
                .append("</td><td class=\"num\">")
                .append(
                        verdict.daysLeft().isPresent()
                                ? String.format(
                                        Locale.ROOT, "%.1f", verdict.daysLeft().getAsDouble())
                                : "")
                .append("</td><td>");
        result.worstAddress()
                .ifPresent(
                        a -> {
                            CertificateFacts leaf = CertificateFacts.of(a.report().leaf());
                            html.append(escape(date(leaf.notAfter())))
                                    .append("</td><td>")
                                    .append(escape(leaf.issuerCn()));
                        });
        if (result.worstAddress().isEmpty()) {
            html.append("</td><td>");
        }
        html.append("</td><td>")
                .append(
                        escape(
                                result.findingCodes().stream()
                                        .map(FindingCode::code)
                                        .collect(Collectors.joining(", "))))
                .append("</td><td>")
                .append(escape(probeState(result)))
                .append("</td></tr>\n");
    }

    private static String probeState(TargetResult result) {
        if (result.pendingFirstProbe()) {
            return "not probed yet";
        }
        return result.addresses().stream()
                .map(StatusPage::addressState)
                .collect(Collectors.joining("; "));
    }

    private static String addressState(AddressResult a) {
        String where = a.address().isEmpty() ? "" : a.address() + ": ";
        return a.failure()
                .map(f -> where + f.reason().label() + " (" + f.message() + ")")
                .orElse(where + "ok");
    }

    private static String labels(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String date(Instant instant) {
        return DATE.format(instant.atZone(ZoneId.systemDefault()));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
