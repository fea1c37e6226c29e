package io.certgauge.result;

import io.certgauge.chain.ChainReport;
import io.certgauge.chain.Finding;
import io.certgauge.chain.FindingCode;
import io.certgauge.config.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The latest result of one target: one entry per address, plus findings that concern the addresses
 * together ({@code inconsistent_addresses}).
 *
 * @param addresses per address, ordered by address; empty before the first probe
 * @param targetFindings findings about the target as a whole
 * @param probedAt when the latest probe started, or {@code null} before the first
 * @param duration wall time of the latest probe of the whole target
 */
public record TargetResult(
        Target target,
        List<AddressResult> addresses,
        List<Finding> targetFindings,
        Instant probedAt,
        Duration duration) {

    public TargetResult {
        Objects.requireNonNull(target, "target");
        addresses = List.copyOf(addresses);
        targetFindings = List.copyOf(targetFindings);
    }

    /** A target not probed yet. */
    public static TargetResult pending(Target target) {
        return new TargetResult(target, List.of(), List.of(), null, Duration.ZERO);
    }

    public boolean pendingFirstProbe() {
        return probedAt == null;
    }

    /** 1 only when every address returned a chain in the latest probe. */
    public boolean probeOk() {
        return !addresses.isEmpty() && addresses.stream().allMatch(AddressResult::probeOk);
    }

    /** The known chain reports of every address (last known ones included). */
    public List<ChainReport> reports() {
        return addresses.stream().flatMap(a -> a.chain().stream()).toList();
    }

    /** The address whose last known leaf expires first, if any chain was ever read. */
    public Optional<AddressResult> worstAddress() {
        return addresses.stream()
                .filter(a -> a.report() != null)
                .min((a, b) -> a.report().leafNotAfter().compareTo(b.report().leafNotAfter()));
    }

    /** The union of every address's findings and the target's own, each code once. */
    public Set<FindingCode> findingCodes() {
        Set<FindingCode> codes = new LinkedHashSet<>();
        for (ChainReport report : reports()) {
            report.findings().forEach(f -> codes.add(f.code()));
        }
        targetFindings.forEach(f -> codes.add(f.code()));
        return codes;
    }
}
