package io.certgauge.export.prometheus;

import io.certgauge.chain.CertificateFacts;
import io.certgauge.chain.ChainReport;
import io.certgauge.chain.Finding;
import io.certgauge.config.Target;
import io.certgauge.config.Thresholds;
import io.certgauge.export.CertificateRole;
import io.certgauge.probe.ChainRead;
import io.certgauge.result.AddressResult;
import io.certgauge.result.TargetResult;
import io.certgauge.verdict.Verdict;
import io.prometheus.metrics.model.snapshots.Labels;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/**
 * The points of one target: its per-target series and, for each address, its per-address series.
 * Built whole before any point joins the scrape, so a target that fails to render leaves no half of
 * itself behind.
 */
final class TargetSeries {

    private final TargetResult result;
    private final SortedSet<String> labelKeys;
    private final Instant now;
    private final RevocationView revocation;
    private final List<Point> points = new ArrayList<>();

    TargetSeries(
            TargetResult result,
            SortedSet<String> labelKeys,
            Instant now,
            RevocationView revocation) {
        this.result = result;
        this.labelKeys = labelKeys;
        this.now = now;
        this.revocation = revocation;
    }

    List<Point> points() {
        target(result.target());
        for (AddressResult address : result.addresses()) {
            address(address);
        }
        return points;
    }

    private void target(Target target) {
        Labels id = Labels.of("target", target.id());
        Labels info = id;
        for (String key : labelKeys) {
            info = info.add(key, target.labels().getOrDefault(key, ""));
        }
        add(Metric.TARGET_INFO, info, 1);

        Thresholds t = target.thresholds();
        add(Metric.TARGET_WARNING_DAYS, id, t.warningDays());
        add(Metric.TARGET_CRITICAL_DAYS, id, t.criticalDays());
        add(Metric.TARGET_EMERGENCY_DAYS, id, t.emergencyDays());
        add(Metric.TARGET_INTERVAL, id, seconds(target.interval()));
    }

    private void address(AddressResult address) {
        Labels base = Labels.of("target", result.target().id(), "address", address.address());
        add(Metric.PROBE_SUCCESS, base, address.probeOk() ? 1 : 0);
        add(Metric.PROBE_DURATION, base, seconds(address.last().duration()));
        address.failure()
                .map(f -> base.add("reason", f.reason().label()))
                .ifPresent(labels -> add(Metric.PROBE_ERROR, labels, 1));
        address.lastSuccess().ifPresent(t -> add(Metric.LAST_SUCCESS, base, epochSeconds(t)));

        // The last known chain stays on display after a failed probe, so an expiry alert does
        // not resolve just because the server stopped answering.
        if (address.report() != null) {
            chain(base, address.lastRead(), address.report());
        }
        for (String code : findingCodes(address)) {
            add(Metric.VALIDATION_ERROR, base.add("error", code), 1);
        }
        revocation(base, address);
    }

    private void chain(Labels base, ChainRead read, ChainReport report) {
        CertificateFacts leaf = CertificateFacts.of(report.leaf());
        add(Metric.CERT_NOT_AFTER, base, epochSeconds(leaf.notAfter()));
        add(Metric.CERT_NOT_BEFORE, base, epochSeconds(leaf.notBefore()));
        add(Metric.CERT_EXPIRY_DAYS, base, Verdict.daysBetween(now, leaf.notAfter()));
        if (report.chainNotAfter() != null) {
            add(Metric.CHAIN_EXPIRY_DAYS, base, Verdict.daysBetween(now, report.chainNotAfter()));
        }
        presented(base, report.presented());
        add(Metric.CHAIN_VERIFIED, base, report.verified() ? 1 : 0);
        add(Metric.HOSTNAME_MATCH, base, report.hostnameMatch() ? 1 : 0);
        add(Metric.CHAIN_VALID, base, report.valid() ? 1 : 0);
        add(Metric.CERT_INFO, certInfo(base, leaf), 1);
        if (read.protocol() != null && read.cipher() != null) {
            Labels tls = base.add("version", read.protocol()).add("cipher", read.cipher());
            add(Metric.TLS_INFO, tls, 1);
        }
    }

    private void presented(Labels base, List<X509Certificate> chain) {
        for (int position = 0; position < chain.size(); position++) {
            CertificateFacts facts = CertificateFacts.of(chain.get(position));
            Labels labels =
                    base.merge(
                            new String[] {"position", "role", "subject_cn", "serial"},
                            new String[] {
                                Integer.toString(position),
                                CertificateRole.of(position, facts).label(),
                                facts.subjectCn(),
                                facts.serial()
                            });
            add(Metric.CHAIN_CERT_NOT_AFTER, labels, epochSeconds(facts.notAfter()));
        }
    }

    private static Labels certInfo(Labels base, CertificateFacts leaf) {
        return base.merge(
                new String[] {
                    "subject_cn",
                    "issuer_cn",
                    "serial",
                    "fingerprint_sha256",
                    "key_type",
                    "key_bits",
                    "signature_algorithm"
                },
                new String[] {
                    leaf.subjectCn(),
                    leaf.issuerCn(),
                    leaf.serial(),
                    leaf.fingerprintSha256(),
                    leaf.keyType(),
                    Integer.toString(leaf.keyBits()),
                    leaf.signatureAlgorithm()
                });
    }

    /** The address's own findings and the target's (on every address), each code once. */
    private Set<String> findingCodes(AddressResult address) {
        Set<String> codes = new LinkedHashSet<>();
        address.chain().ifPresent(r -> r.findings().forEach(f -> codes.add(f.code().code())));
        for (Finding f : result.targetFindings()) {
            codes.add(f.code().code());
        }
        return codes;
    }

    private void revocation(Labels base, AddressResult address) {
        for (RevocationView.Answer answer : revocation.answers(address)) {
            add(
                    Metric.REVOCATION_STATUS,
                    base.add("source", answer.source()).add("status", answer.status()),
                    1);
        }
        revocation
                .stapleNextUpdate(address)
                .ifPresent(t -> add(Metric.STAPLE_NEXT_UPDATE, base, epochSeconds(t)));
    }

    private void add(Metric metric, Labels labels, double value) {
        points.add(new Point(metric, labels, value));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static double epochSeconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }
}
