package io.certgauge.result;

import io.certgauge.chain.ChainReport;
import io.certgauge.probe.ChainRead;
import io.certgauge.probe.ProbeFailed;
import io.certgauge.probe.ProbeOutcome;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest state of one address of a target.
 *
 * @param address the probed IP as text, or empty when resolution failed
 * @param last the latest probe outcome
 * @param lastRead the latest chain read from this address, kept when a later probe fails; or {@code
 *     null} when none was ever read
 * @param report the Analyzer's report on {@code lastRead}, or {@code null} with it
 */
public record AddressResult(
        String address, ProbeOutcome last, ChainRead lastRead, ChainReport report) {

    public AddressResult {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(last, "last");
        if ((lastRead == null) != (report == null)) {
            throw new IllegalArgumentException("lastRead and report go together");
        }
    }

    /** The latest probe read a chain. */
    public boolean probeOk() {
        return last instanceof ChainRead;
    }

    /** The latest failure, when the latest probe failed. */
    public Optional<ProbeFailed> failure() {
        return last instanceof ProbeFailed failed ? Optional.of(failed) : Optional.empty();
    }

    /** When a chain was last read (the end of that probe), if ever. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastRead).map(r -> r.startedAt().plus(r.duration()));
    }

    public Optional<ChainReport> chain() {
        return Optional.ofNullable(report);
    }
}
