package io.certgauge.chain;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@link PathValidator}'s verdict on one candidate path.
 *
 * @param path leaf first; the trust anchor last when {@code anchored}
 * @param violations every rule broken, in the order found; empty for a valid path
 */
record PathValidation(List<X509Certificate> path, boolean anchored, List<Violation> violations) {

    PathValidation {
        path = List.copyOf(path);
        violations = List.copyOf(violations);
    }

    /** Valid in every respect. */
    boolean valid() {
        return violations.isEmpty();
    }

    /** Reaches a trust anchor and breaks no rule other than validity dates. */
    boolean verified() {
        return anchored && structural().isEmpty();
    }

    List<Violation> structural() {
        return violations.stream().filter(v -> !v.rule().aboutDates()).collect(Collectors.toList());
    }

    List<Violation> dates() {
        return violations.stream().filter(v -> v.rule().aboutDates()).collect(Collectors.toList());
    }

    /** The earliest notAfter on the path, the anchor included. */
    Instant notAfter() {
        return path.stream()
                .map(c -> c.getNotAfter().toInstant())
                .min(Instant::compareTo)
                .orElseThrow();
    }
}
