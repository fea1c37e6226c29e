package io.certgauge.export.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.certgauge.chain.CertificateFacts;
import io.certgauge.chain.ChainReport;
import io.certgauge.chain.Finding;
import io.certgauge.chain.FindingCode;
import io.certgauge.config.Target;
import io.certgauge.export.CertificateRole;
import io.certgauge.export.json.ApiDocument.ApiAddress;
import io.certgauge.export.json.ApiDocument.ApiFinding;
import io.certgauge.export.json.ApiDocument.ApiTarget;
import io.certgauge.export.json.ApiDocument.ApiVerdict;
import io.certgauge.export.json.ApiDocument.Certificate;
import io.certgauge.export.json.ApiDocument.Key;
import io.certgauge.export.json.ApiDocument.Probe;
import io.certgauge.export.json.ApiDocument.ProbeError;
import io.certgauge.export.json.ApiDocument.Response;
import io.certgauge.export.json.ApiDocument.Thresholds;
import io.certgauge.export.json.ApiDocument.Tls;
import io.certgauge.probe.ChainRead;
import io.certgauge.result.AddressResult;
import io.certgauge.result.Snapshot;
import io.certgauge.result.TargetResult;
import io.certgauge.verdict.Verdict;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Renders {@code /api/v1/targets}: every target in file order with its labels, thresholds, verdict,
 * the codes of every finding on any address ({@code findings}, as Zabbix gives them) and the
 * findings about the target as a whole ({@code target_findings}), and every address with the whole
 * presented chain (per certificate: position, role, subject, issuer, serial, fingerprint, dates,
 * days left, key, signature), the path, findings and the probe state. The last known chain of an
 * address whose latest probe failed stays in the document beside the failure. Indented for people
 * reading it with curl. Thread-safe.
 */
public final class JsonApi {

    private final ObjectMapper json =
            new ObjectMapper()
                    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(SerializationFeature.INDENT_OUTPUT);
    private final Clock clock;

    public JsonApi(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The whole document for a snapshot. */
    public String targets(Snapshot snapshot) {
        Instant now = clock.instant();
        List<ApiTarget> targets = new ArrayList<>();
        for (TargetResult result : snapshot.targets()) {
            targets.add(target(result, now));
        }
        try {
            return json.writeValueAsString(new Response(now.toString(), targets));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the targets document", e);
        }
    }

    private ApiTarget target(TargetResult result, Instant now) {
        Target t = result.target();
        Verdict verdict = Verdict.of(result, clock);
        boolean pending = result.pendingFirstProbe();
        return new ApiTarget(
                t.id(),
                t.host(),
                t.port(),
                t.sni(),
                t.starttls() == null ? null : t.starttls().wireName(),
                new TreeMap<>(t.labels()),
                new Thresholds(
                        t.thresholds().warningDays(),
                        t.thresholds().criticalDays(),
                        t.thresholds().emergencyDays()),
                seconds(t.interval()),
                new ApiVerdict(
                        verdict.status().lowerCase(),
                        verdict.daysLeft().isPresent() ? verdict.daysLeft().getAsDouble() : null,
                        verdict.chainDaysLeft().isPresent()
                                ? verdict.chainDaysLeft().getAsDouble()
                                : null,
                        verdict.warning().toString(),
                        verdict.critical().toString()),
                pending ? null : result.probedAt().toString(),
                pending ? null : seconds(result.duration()),
                result.findingCodes().stream().map(FindingCode::code).toList(),
                findings(result.targetFindings()),
                result.addresses().stream().map(a -> address(a, now)).toList());
    }

    private static ApiAddress address(AddressResult a, Instant now) {
        ChainRead read = a.lastRead();
        ChainReport report = a.report();
        Probe probe =
                new Probe(
                        a.probeOk(),
                        a.failure()
                                .map(f -> new ProbeError(f.reason().label(), f.message()))
                                .orElse(null),
                        a.last().startedAt().toString(),
                        seconds(a.last().duration()),
                        a.lastSuccess().map(Instant::toString).orElse(null));
        if (report == null) {
            return new ApiAddress(a.address(), probe, null, null, null, null, null, null, null);
        }
        return new ApiAddress(
                a.address(),
                probe,
                read.protocol() == null ? null : new Tls(read.protocol(), read.cipher()),
                certificates(report.presented(), now),
                certificates(report.path(), now),
                report.verified(),
                report.hostnameMatch(),
                report.valid(),
                findings(report.findings()));
    }

    private static List<Certificate> certificates(List<X509Certificate> certs, Instant now) {
        List<Certificate> out = new ArrayList<>();
        for (int position = 0; position < certs.size(); position++) {
            CertificateFacts f = CertificateFacts.of(certs.get(position));
            out.add(
                    new Certificate(
                            position,
                            CertificateRole.of(position, f).label(),
                            f.subject(),
                            f.issuer(),
                            f.serial(),
                            f.fingerprintSha256(),
                            f.notBefore().toString(),
                            f.notAfter().toString(),
                            Verdict.daysBetween(now, f.notAfter()),
                            new Key(f.keyType(), f.keyBits()),
                            f.signatureAlgorithm()));
        }
        return out;
    }

    private static List<ApiFinding> findings(List<Finding> findings) {
        return findings.stream()
                .map(
                        f ->
                                new ApiFinding(
                                        f.code().code(),
                                        f.severity().name().toLowerCase(Locale.ROOT),
                                        f.message()))
                .toList();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
