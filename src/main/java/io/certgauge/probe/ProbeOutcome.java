package io.certgauge.probe;

import java.time.Duration;
import java.time.Instant;

/**
 * What one probe of one address produced: a chain, or the reason there is none. Exporters handle
 * both cases through {@link Visitor}, so a new case cannot be forgotten.
 */
public sealed interface ProbeOutcome permits ChainRead, ProbeFailed {

    /** The probed IP address as text (no brackets), or empty when resolution failed. */
    String address();

    /** When the probe started. */
    Instant startedAt();

    /** Wall time the probe took. */
    Duration duration();

    <R> R accept(Visitor<R> visitor);

    /** One method per outcome. */
    interface Visitor<R> {
        R chainRead(ChainRead read);

        R probeFailed(ProbeFailed failed);
    }
}
