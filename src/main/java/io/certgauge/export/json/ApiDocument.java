package io.certgauge.export.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The shape of {@code /api/v1/targets}, field by field; property names are written in snake case.
 * Times are ISO-8601 instants in UTC, durations in seconds; a value never known is left out, never
 * written as a sentinel.
 */
final class ApiDocument {

    private ApiDocument() {}

    record Response(String generatedAt, List<ApiTarget> targets) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApiTarget(
            String id,
            String host,
            int port,
            String sni,
            String starttls,
            Map<String, String> labels,
            Thresholds thresholds,
            double intervalSeconds,
            ApiVerdict verdict,
            String probedAt,
            Double durationSeconds,
            List<String> findings,
            List<ApiFinding> targetFindings,
            List<ApiAddress> addresses) {}

    record Thresholds(double warningDays, double criticalDays, double emergencyDays) {}

    /** The plugin verdict with the target's own thresholds, written as ranges. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApiVerdict(
            String status,
            Double daysLeft,
            Double chainDaysLeft,
            String warning,
            String critical) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApiAddress(
            String address,
            Probe probe,
            Tls tls,
            List<Certificate> chain,
            List<Certificate> path,
            Boolean verified,
            Boolean hostnameMatch,
            Boolean valid,
            List<ApiFinding> findings) {}

    /** The latest probe; {@code error} only when it failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Probe(
            boolean ok,
            ProbeError error,
            String startedAt,
            double durationSeconds,
            String lastSuccess) {}

    record ProbeError(String reason, String message) {}

    record Tls(String version, String cipher) {}

    record Certificate(
            int position,
            String role,
            String subject,
            String issuer,
            String serial,
            String fingerprintSha256,
            String notBefore,
            String notAfter,
            double daysLeft,
            Key key,
            String signatureAlgorithm) {}

    record Key(String type, int bits) {}

    record ApiFinding(String code, String severity, String message) {}
}
