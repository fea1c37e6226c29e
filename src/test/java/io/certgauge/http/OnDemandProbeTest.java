package io.certgauge.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.chain.Analyzer;
import io.certgauge.chain.TrustMaterial;
import io.certgauge.config.Defaults;
import io.certgauge.config.Targets;
import io.certgauge.probe.ProbeErrorReason;
import io.certgauge.probe.ProbeFailed;
import io.certgauge.probe.ProbeOutcome;
import io.certgauge.probe.Prober;
import io.certgauge.result.TargetResult;
import io.certgauge.schedule.TargetChecker;
import io.certgauge.schedule.TrustCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OnDemandProbeTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-06-01T09:00:00Z"), ZoneOffset.UTC);

    /** A prober that holds every probe until released, like endpoints that never answer. */
    private static final class StalledProber implements Prober {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered;

        StalledProber(int expected) {
            entered = new CountDownLatch(expected);
        }

        @Override
        public List<ProbeOutcome> probe(io.certgauge.probe.ProbeTarget target) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(
                    new ProbeFailed(
                            "127.0.0.1",
                            CLOCK.instant(),
                            Duration.ofSeconds(10),
                            ProbeErrorReason.TIMEOUT,
                            "no answer within 10s"));
        }
    }

    @Test
    void probesPastTheLimitAreTurnedAwayInsteadOfHoldingAnHttpThread() throws Exception {
        // Each /probe runs on a Jetty thread; a storm of probes of silent endpoints used to take
        // them all, and /metrics and /healthz waited behind them for the probes' timeout.
        StalledProber prober = new StalledProber(2);
        TargetChecker checker =
                new TargetChecker(
                        prober,
                        new Analyzer(CLOCK),
                        new TrustCache(new TrustMaterial(List.of(), List.of())),
                        CLOCK);
        OnDemandProbe onDemand = new OnDemandProbe(checker, 2);
        OnDemandProbe.Request request =
                new OnDemandProbe.Request(Targets.parseSpec("127.0.0.1:9", Defaults.BUILT_IN));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Optional<TargetResult>>> running = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                running.add(pool.submit(() -> onDemand.probe(request)));
            }
            prober.entered.await();

            assertThat(onDemand.probe(request)).isEmpty();

            prober.release.countDown();
            for (Future<Optional<TargetResult>> f : running) {
                assertThat(f.get()).isPresent();
            }
            assertThat(onDemand.probe(request)).isPresent();
        } finally {
            prober.release.countDown();
            pool.shutdownNow();
        }
    }
}
