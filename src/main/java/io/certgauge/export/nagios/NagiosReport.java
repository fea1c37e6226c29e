package io.certgauge.export.nagios;

import io.certgauge.chain.CertificateFacts;
import io.certgauge.chain.ChainReport;
import io.certgauge.chain.Finding;
import io.certgauge.chain.FindingCode;
import io.certgauge.probe.ProbeFailed;
import io.certgauge.result.AddressResult;
import io.certgauge.result.TargetResult;
import io.certgauge.verdict.DaysRange;
import io.certgauge.verdict.Status;
import io.certgauge.verdict.Verdict;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Renders a target's result as Nagios plugin output (Nagios plugin guidelines: one status line,
 * {@code |}, perfdata; then long text). The state comes from {@link Verdict}. Status lines:
 *
 * <ul>
 *   <li>chain read: {@code CERTGAUGE OK - ID expires in 83.42 days (2027-02-25 09:00 +09:00),
 *       issuer R11}; an expired leaf reads {@code expired 3.25 days ago (…)}; when findings are
 *       present, {@code ; findings: code, code} follows, so a pager shows why a state is raised;
 *   <li>a failed probe (any address): {@code CERTGAUGE CRITICAL - ID probe failed (timeout):
 *       message}, with {@code at ADDRESS} when the target has several addresses, and {@code ; last
 *       known certificate expires in …} when a chain was read before;
 *   <li>not probed yet: {@code CERTGAUGE UNKNOWN - ID not probed yet}, without perfdata.
 * </ul>
 *
 * <p>Perfdata: {@code days} and {@code chain_days} (two decimals, the thresholds as ranges, left
 * out when no chain was ever read) and {@code time}, the stored wall time of the target's latest
 * probe. Detail lines: {@code chain: CN=leaf <- CN=issuer <- … (trusted|untrusted)} and one {@code
 * code: message} line per finding; a target with several addresses gets an {@code address A: …}
 * line for each, its chain and findings indented below, and the target's own findings last. Dates
 * are shown in the given zone with its offset. A {@code |} inside any text becomes {@code /}, since
 * Nagios would read perfdata after it. Thread-safe.
 */
public final class NagiosReport {

    private static final String PREFIX = "CERTGAUGE ";
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);

    private final Clock clock;
    private final ZoneId zone;

    /**
     * @param clock the time days left are computed against
     * @param zone the zone dates are shown in; the machine's own for the plugin
     */
    public NagiosReport(Clock clock, ZoneId zone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The output with the target's own thresholds. */
    public PluginOutput render(TargetResult result) {
        return render(result, Verdict.of(result, clock));
    }

    /** The output with thresholds given by {@code -w}/{@code -c} or the request. */
    public PluginOutput render(TargetResult result, DaysRange warning, DaysRange critical) {
        return render(result, Verdict.of(result, warning, critical, clock));
    }

    /** The UNKNOWN output for a problem that leaves no result, such as a bad argument. */
    public static PluginOutput unknown(String problem) {
        return new PluginOutput(Status.UNKNOWN, PREFIX + "UNKNOWN - " + clean(problem) + "\n");
    }

    private PluginOutput render(TargetResult result, Verdict verdict) {
        String id = result.target().id();
        StringBuilder out = new StringBuilder(PREFIX);
        out.append(verdict.status().word()).append(" - ");
        if (verdict.status() == Status.UNKNOWN) {
            out.append(clean(id)).append(" not probed yet\n");
            return new PluginOutput(verdict.status(), out.toString());
        }

        out.append(clean(id)).append(' ').append(summary(result, verdict));
        out.append(" | ").append(perfdata(result, verdict)).append('\n');
        for (String line : details(result)) {
            out.append(clean(line)).append('\n');
        }
        return new PluginOutput(verdict.status(), out.toString());
    }

    private String summary(TargetResult result, Verdict verdict) {
        Optional<AddressResult> failed =
                result.addresses().stream().filter(a -> !a.probeOk()).findFirst();
        if (failed.isPresent()) {
            boolean several = result.addresses().size() > 1;
            return failure(failed.get(), several) + lastKnown(result);
        }

        AddressResult worst = result.worstAddress().orElseThrow();
        CertificateFacts leaf = CertificateFacts.of(worst.report().leaf());
        String issuer = leaf.issuerCn().isEmpty() ? leaf.issuer() : leaf.issuerCn();
        return clean(expiry(leaf.notAfter()) + ", issuer " + issuer + findings(result));
    }

    private static String failure(AddressResult address, boolean several) {
        ProbeFailed f = address.failure().orElseThrow();
        String at = several && !address.address().isEmpty() ? " at " + address.address() : "";
        return clean("probe failed" + at + " (" + f.reason().label() + "): " + f.message());
    }

    private String lastKnown(TargetResult result) {
        return result.worstAddress()
                .map(a -> "; last known certificate " + expiry(a.report().leafNotAfter()))
                .orElse("");
    }

    private static String findings(TargetResult result) {
        // Enum order: errors before warnings, the same order in every output.
        Set<FindingCode> codes = new TreeSet<>(result.findingCodes());
        if (codes.isEmpty()) {
            return "";
        }
        return "; findings: "
                + codes.stream().map(FindingCode::code).collect(Collectors.joining(", "));
    }

    /** {@code expires in 19.42 days (2026-12-23 09:00 +09:00)} or {@code expired … ago}. */
    private String expiry(Instant notAfter) {
        double days = Verdict.daysBetween(clock.instant(), notAfter);
        String date = DATE.format(notAfter.atZone(zone));
        if (days < 0) {
            return "expired " + twoDecimals(-days) + " days ago (" + date + ")";
        }
        return "expires in " + twoDecimals(days) + " days (" + date + ")";
    }

    private static String perfdata(TargetResult result, Verdict verdict) {
        List<String> values = new ArrayList<>();
        String ranges = ";" + verdict.warning() + ";" + verdict.critical() + ";;";
        verdict.daysLeft().ifPresent(d -> values.add("days=" + twoDecimals(d) + ranges));
        verdict.chainDaysLeft().ifPresent(d -> values.add("chain_days=" + twoDecimals(d) + ranges));
        double seconds = result.duration().toNanos() / 1e9;
        values.add(String.format(Locale.ROOT, "time=%.3fs;;;0;", seconds));
        return String.join(" ", values);
    }

    private List<String> details(TargetResult result) {
        List<String> lines = new ArrayList<>();
        if (result.addresses().size() == 1) {
            AddressResult only = result.addresses().get(0);
            only.chain().ifPresent(r -> addChain(lines, "", r));
        } else {
            for (AddressResult a : result.addresses()) {
                lines.add("address " + a.address() + ": " + addressSummary(a));
                a.chain().ifPresent(r -> addChain(lines, "  ", r));
            }
        }
        for (Finding f : result.targetFindings()) {
            lines.add(f.code().code() + ": " + f.message());
        }
        return lines;
    }

    private String addressSummary(AddressResult address) {
        Optional<String> known =
                address.chain().map(r -> expiry(r.leafNotAfter()) + ", serial " + serial(r));
        if (address.probeOk()) {
            return known.orElseThrow();
        }
        String lastKnown = known.map(k -> "; last known certificate " + k).orElse("");
        return failure(address, false) + lastKnown;
    }

    private static String serial(ChainReport report) {
        return CertificateFacts.of(report.leaf()).serial();
    }

    private static void addChain(List<String> lines, String indent, ChainReport report) {
        List<X509Certificate> path = report.path().isEmpty() ? report.presented() : report.path();
        String names = path.stream().map(NagiosReport::name).collect(Collectors.joining(" <- "));
        String trust = report.verified() ? "trusted" : "untrusted";
        lines.add(indent + "chain: " + names + " (" + trust + ")");
        for (Finding f : report.findings()) {
            lines.add(indent + f.code().code() + ": " + f.message());
        }
    }

    /** {@code CN=name} when the subject has a CN, else the whole subject. */
    private static String name(X509Certificate cert) {
        CertificateFacts facts = CertificateFacts.of(cert);
        return facts.subjectCn().isEmpty() ? facts.subject() : "CN=" + facts.subjectCn();
    }

    private static String twoDecimals(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** One line of plugin text: no line breaks, and no {@code |}, which starts perfdata. */
    private static String clean(String text) {
        return text.replace('|', '/').replace('\r', ' ').replace('\n', ' ');
    }
}
