package io.certgauge.probe;

import java.util.List;

/** Probes an endpoint at every address its name resolves to. Implementations are thread-safe. */
public interface Prober {

    /**
     * Resolves the target's host, filters the addresses by its IP family and probes each. Never
     * throws for a network problem: a failed resolution yields one {@link ProbeFailed} with an
     * empty address and reason {@code dns}; every other failure yields a {@link ProbeFailed} for
     * its address. The list is ordered by address as text.
     */
    List<ProbeOutcome> probe(ProbeTarget target);
}
