package io.certgauge.verdict;

import io.certgauge.chain.FindingCode;
import io.certgauge.chain.Severity;
import io.certgauge.config.Thresholds;
import io.certgauge.result.TargetResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The plugin state of one target, as {@code check}, {@code /nagios}, the Zabbix {@code status}
 * field and the JSON API give it. Rules, the worst one wins:
 *
 * <ul>
 *   <li>{@code UNKNOWN}: the target has not been probed yet (nothing else applies);
 *   <li>{@code CRITICAL}: any address's latest probe failed; the leaf is expired (fewer than 0 days
 *       left); any finding of severity error; days left outside the critical range;
 *   <li>{@code WARNING}: days left outside the warning range; any finding of severity warning (such
 *       as {@code inconsistent_addresses} or {@code renewal_overdue}: they call for a person, which
 *       is what a plugin WARNING means);
 *   <li>{@code OK} otherwise.
 * </ul>
 *
 * <p>Days left are computed at verdict time from the clock: the minimum over the addresses' last
 * known leaves, so a probe that fails does not hide an expiry (the failure itself is critical).
 * Immutable.
 *
 * @param status the state
 * @param daysLeft days until the first last-known leaf expires; empty when no chain was read
 * @param chainDaysLeft days until the earliest notAfter on any address's path
 * @param warning the warning range applied
 * @param critical the critical range applied
 */
public record Verdict(
        Status status,
        OptionalDouble daysLeft,
        OptionalDouble chainDaysLeft,
        DaysRange warning,
        DaysRange critical) {

    private static final double SECONDS_PER_DAY = 86_400;

    public Verdict {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(daysLeft, "daysLeft");
        Objects.requireNonNull(chainDaysLeft, "chainDaysLeft");
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(critical, "critical");
    }

    /** The verdict with the target's own thresholds: {@code warning_days:} and so on. */
    public static Verdict of(TargetResult result, Clock clock) {
        Thresholds t = result.target().thresholds();
        DaysRange warning = DaysRange.below(t.warningDays());
        return of(result, warning, DaysRange.below(t.criticalDays()), clock);
    }

    /** The verdict with ranges given on the command line or in the request. */
    public static Verdict of(
            TargetResult result, DaysRange warning, DaysRange critical, Clock clock) {
        Instant now = clock.instant();
        OptionalDouble days =
                result.reports().stream()
                        .mapToDouble(r -> daysBetween(now, r.leafNotAfter()))
                        .min();
        OptionalDouble chainDays =
                result.reports().stream()
                        .filter(r -> r.chainNotAfter() != null)
                        .mapToDouble(r -> daysBetween(now, r.chainNotAfter()))
                        .min();
        Status status = status(result, days, warning, critical);
        return new Verdict(status, days, chainDays, warning, critical);
    }

    /** Days from {@code now} until {@code then}, fractional, negative when past. */
    public static double daysBetween(Instant now, Instant then) {
        return Duration.between(now, then).toMillis() / 1000.0 / SECONDS_PER_DAY;
    }

    private static Status status(
            TargetResult result, OptionalDouble days, DaysRange warning, DaysRange critical) {
        if (result.pendingFirstProbe() || result.addresses().isEmpty()) {
            return Status.UNKNOWN;
        }
        Status status = Status.OK;
        if (result.addresses().stream().anyMatch(a -> !a.probeOk())) {
            status = Status.CRITICAL;
        }
        status = status.worst(fromFindings(result.findingCodes()));
        if (days.isPresent()) {
            status = status.worst(fromDays(days.getAsDouble(), warning, critical));
        }
        return status;
    }

    private static Status fromFindings(Set<FindingCode> codes) {
        if (codes.stream().anyMatch(c -> c.severity() == Severity.ERROR)) {
            return Status.CRITICAL;
        }
        return codes.isEmpty() ? Status.OK : Status.WARNING;
    }

    private static Status fromDays(double days, DaysRange warning, DaysRange critical) {
        if (days < 0 || critical.alerts(days)) {
            return Status.CRITICAL;
        }
        return warning.alerts(days) ? Status.WARNING : Status.OK;
    }
}
