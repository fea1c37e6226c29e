package io.certgauge.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Shared test values: a fixed clock, short deadlines, and targets on loopback. */
final class Probes {

    static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration DEADLINE = Duration.ofSeconds(2);
    static final String NAME = "www.probe.test";

    static {
        // Before any TLS use in the test JVM, as the application does at start-up.
        JdkTlsPolicy.relax();
    }

    private Probes() {}

    static TlsProber prober() {
        return prober(
                host -> {
                    throw new UnknownHostException(host);
                });
    }

    static TlsProber prober(Resolver resolver) {
        return new TlsProber(resolver, CLOCK);
    }

    /** 127.0.0.1 at {@code port}, no SNI (an IP host sends none), direct TLS. */
    static ProbeTarget loopback(int port) {
        return new ProbeTarget("127.0.0.1", "127.0.0.1", port, null, null, DEADLINE, IpFamily.ANY);
    }

    /** A name at {@code port}, sent as SNI. */
    static ProbeTarget named(String name, int port, IpFamily family) {
        return new ProbeTarget(name, name, port, name, null, DEADLINE, family);
    }

    static ProbeTarget withStartTls(ProbeTarget target, StartTls protocol) {
        return new ProbeTarget(
                target.host(),
                target.asciiHost(),
                target.port(),
                target.sni(),
                protocol,
                target.timeout(),
                target.ipFamily());
    }

    static ProbeTarget withTimeout(ProbeTarget target, Duration timeout) {
        return new ProbeTarget(
                target.host(),
                target.asciiHost(),
                target.port(),
                target.sni(),
                target.starttls(),
                timeout,
                target.ipFamily());
    }

    static ChainRead onlyChainRead(List<ProbeOutcome> outcomes) {
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0)).isInstanceOf(ChainRead.class);
        return (ChainRead) outcomes.get(0);
    }

    static ProbeFailed onlyFailure(List<ProbeOutcome> outcomes) {
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0)).isInstanceOf(ProbeFailed.class);
        return (ProbeFailed) outcomes.get(0);
    }
}
