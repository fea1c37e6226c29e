package io.certgauge.cli;

import io.certgauge.chain.CertificateFacts;
import io.certgauge.chain.ChainReport;
import io.certgauge.chain.Finding;
import io.certgauge.config.Target;
import io.certgauge.probe.ChainRead;
import io.certgauge.result.AddressResult;
import io.certgauge.result.TargetResult;
import io.certgauge.verdict.Verdict;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The text {@code inspect} prints: every address, every certificate, the path, every finding. */
final class InspectReport {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);

    private final Clock clock;
    private final ZoneId zone;

    InspectReport(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    String render(TargetResult result) {
        StringBuilder out = new StringBuilder();
        Target t = result.target();
        Verdict verdict = Verdict.of(result, clock);
        out.append("target ").append(t.id());
        out.append(t.sniToSend() == null ? " (no SNI" : " (SNI " + t.sniToSend());
        out.append(", name checked ").append(t.checkedName()).append(")\n");
        out.append("verdict: ").append(verdict.status().word());
        verdict.daysLeft()
                .ifPresent(d -> out.append(String.format(Locale.ROOT, ", %.2f days left", d)));
        out.append('\n');
        for (AddressResult address : result.addresses()) {
            out.append('\n');
            address(out, address);
        }
        if (!result.targetFindings().isEmpty()) {
            out.append('\n');
            findings(out, "", result.targetFindings());
        }
        return out.toString();
    }

    private void address(StringBuilder out, AddressResult address) {
        String name = address.address().isEmpty() ? "(no address)" : address.address();
        if (address.failure().isPresent()) {
            var f = address.failure().get();
            out.append("address ")
                    .append(name)
                    .append(": probe failed (")
                    .append(f.reason().label())
                    .append("): ")
                    .append(f.message())
                    .append('\n');
            return;
        }
        ChainRead read = (ChainRead) address.last();
        out.append("address ")
                .append(name)
                .append(": ")
                .append(read.protocol())
                .append(", ")
                .append(read.cipher())
                .append(", ")
                .append(read.duration().toMillis())
                .append(" ms\n");
        ChainReport report = address.report();
        out.append("  presented chain:\n");
        List<X509Certificate> chain = read.chain();
        for (int i = 0; i < chain.size(); i++) {
            certificate(out, i, chain.get(i));
        }
        out.append("  path: ").append(path(report)).append('\n');
        findings(out, "  ", report.findings());
    }

    private void certificate(StringBuilder out, int position, X509Certificate cert) {
        CertificateFacts f = CertificateFacts.of(cert);
        String role = position == 0 ? "leaf" : f.selfSigned() ? "root" : "intermediate";
        double days = Verdict.daysBetween(clock.instant(), f.notAfter());
        out.append(String.format(Locale.ROOT, "    [%d] %-13s %s%n", position, role, f.subject()));
        line(out, "issuer", f.issuer());
        line(out, "serial", f.serial());
        line(
                out,
                "validity",
                date(f.notBefore())
                        + " to "
                        + date(f.notAfter())
                        + String.format(
                                Locale.ROOT,
                                " (%.2f days %s)",
                                Math.abs(days),
                                days < 0 ? "ago" : "left"));
        line(out, "key", f.keyType() + " " + f.keyBits() + ", " + f.signatureAlgorithm());
        line(out, "sha256", f.fingerprintSha256());
        String names = subjectAltNames(cert);
        if (!names.isEmpty()) {
            line(out, "names", names);
        }
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(String.format(Locale.ROOT, "        %-13s %s%n", key, value));
    }

    private static String path(ChainReport report) {
        String certs =
                report.path().stream()
                        .map(c -> c.getSubjectX500Principal().toString())
                        .collect(Collectors.joining(" <- "));
        String trust =
                report.verified()
                        ? "trusted, " + (report.publicRoot() ? "public" : "private") + " root"
                        : "untrusted";
        return certs + " (" + trust + ")";
    }

    private static void findings(StringBuilder out, String indent, List<Finding> findings) {
        if (findings.isEmpty()) {
            out.append(indent).append("findings: none\n");
            return;
        }
        out.append(indent).append("findings:\n");
        for (Finding f : findings) {
            out.append(indent)
                    .append("  ")
                    .append(f.severity().name().toLowerCase(Locale.ROOT))
                    .append(' ')
                    .append(f.code().code())
                    .append(": ")
                    .append(f.message())
                    .append('\n');
        }
    }

    private String date(Instant instant) {
        return DATE.format(instant.atZone(zone));
    }

    private static String subjectAltNames(X509Certificate cert) {
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans == null) {
                return "";
            }
            List<String> names = new ArrayList<>();
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                String prefix = type == 2 ? "DNS:" : type == 7 ? "IP:" : type + ":";
                names.add(prefix + san.get(1));
            }
            return String.join(", ", names);
        } catch (CertificateParsingException e) {
            return "(unreadable subjectAltName)";
        }
    }
}
