package io.certgauge.cli;

import io.certgauge.chain.Analyzer;
import io.certgauge.chain.TrustMaterial;
import io.certgauge.config.Defaults;
import io.certgauge.config.Durations;
import io.certgauge.config.Target;
import io.certgauge.config.Targets;
import io.certgauge.fetch.CachingFetcher;
import io.certgauge.fetch.HttpFetcher;
import io.certgauge.probe.TlsProber;
import io.certgauge.result.TargetResult;
import io.certgauge.schedule.TargetChecker;
import io.certgauge.schedule.TrustCache;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** One-off probes for {@code check} and {@code inspect}: the daemon's parts, run once. */
final class Probes {

    private Probes() {}

    /**
     * The target the command line describes.
     *
     * @param timeout seconds (fractions allowed) or a duration such as {@code 500ms}
     * @throws IllegalArgumentException with a readable message for a bad value
     */
    static Target target(
            String host,
            Integer port,
            String sni,
            String starttls,
            Path caFile,
            String timeout,
            boolean revocation) {
        Duration deadline = Durations.parse(timeout);
        if (deadline.isZero() || deadline.isNegative()) {
            throw new IllegalArgumentException(
                    "timeout '" + timeout + "' must be more than zero; write for example 10");
        }
        Defaults defaults =
                new Defaults(
                        Defaults.BUILT_IN.interval(),
                        deadline,
                        Defaults.BUILT_IN.thresholds(),
                        revocation);
        Target target = Targets.adHoc(host, port, sni, starttls, defaults);
        return caFile == null ? target : Targets.withCaFile(target, caFile);
    }

    /** Probes and analyses the target once, as the daemon would. */
    static TargetResult probe(Target target, Clock clock) {
        try (HttpFetcher fetcher = new HttpFetcher()) {
            Analyzer analyzer = new Analyzer(clock, new CachingFetcher(fetcher, clock));
            TargetChecker checker =
                    new TargetChecker(
                            new TlsProber(),
                            analyzer,
                            new TrustCache(TrustMaterial.systemDefault()),
                            clock);
            return checker.check(target, null);
        }
    }
}
