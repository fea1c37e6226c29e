package io.certgauge.probe;

import java.time.Duration;
import java.time.Instant;

/** A probe that read no chain, with the reason and a message a person can act on. */
public record ProbeFailed(
        String address,
        Instant startedAt,
        Duration duration,
        ProbeErrorReason reason,
        String message)
        implements ProbeOutcome {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.probeFailed(this);
    }
}
