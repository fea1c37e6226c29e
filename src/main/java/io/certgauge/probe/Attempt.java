package io.certgauge.probe;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The clock readings of one call to {@link TlsProber#probe}: when it started, on the wall clock for
 * reports and on the monotonic clock for durations, and the deadline that every address shares.
 * Immutable.
 */
record Attempt(ProbeTarget target, Instant startedAt, long startNanos, long deadlineNanos) {

    static Attempt start(ProbeTarget target, Instant startedAt) {
        long now = System.nanoTime();
        return new Attempt(target, startedAt, now, now + target.timeout().toNanos());
    }

    /** Nanoseconds left before the deadline; zero or less once it has passed. */
    long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    ProbeFailed failed(String address, ProbeErrorReason reason, String message) {
        return new ProbeFailed(address, startedAt, elapsed(), reason, message);
    }

    ChainRead read(
            String address,
            List<X509Certificate> chain,
            String protocol,
            String cipher,
            byte[] staple) {
        return new ChainRead(address, startedAt, elapsed(), chain, protocol, cipher, staple);
    }

    /** The configured timeout as text, for messages. */
    String timeoutText() {
        return DurationText.of(target.timeout());
    }
}
