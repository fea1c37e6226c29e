package io.certgauge;

import io.certgauge.config.Config;
import io.certgauge.export.prometheus.SelfMetrics;
import io.certgauge.result.AddressResult;
import io.certgauge.result.TargetResult;
import io.certgauge.schedule.ProbeListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the scheduler's progress and the configuration's health into certgauge's own metrics and
 * logs. A target's first failure is logged at WARN and its repeats at DEBUG until it recovers.
 */
final class SelfMonitor implements ProbeListener {

    private static final Logger LOG = LoggerFactory.getLogger(SelfMonitor.class);

    private final SelfMetrics metrics;
    private final Clock clock;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    SelfMonitor(SelfMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void probed(TargetResult result) {
        for (AddressResult address : result.addresses()) {
            metrics.probed(address.last());
        }
        String id = result.target().id();
        if (result.probeOk()) {
            if (failing.remove(id)) {
                LOG.info("{}: probe recovered", id);
            }
            LOG.debug("{}: probed in {} ms", id, result.duration().toMillis());
            return;
        }
        String why =
                result.addresses().stream()
                        .flatMap(a -> a.failure().stream())
                        .map(
                                f ->
                                        (f.address().isEmpty() ? "" : f.address() + ": ")
                                                + f.reason().label()
                                                + ": "
                                                + f.message())
                        .findFirst()
                        .orElse("no address");
        if (failing.add(id)) {
            LOG.warn("{}: probe failed: {}", id, why);
        } else {
            LOG.debug("{}: probe still failing: {}", id, why);
        }
    }

    @Override
    public void roundFinished(int targets, Duration duration) {
        metrics.roundFinished(duration);
    }

    /** A configuration was loaded ({@code config} non-null) or a reload failed. */
    void configLoaded(Config config, boolean ok) {
        if (ok) {
            metrics.targets(config.targets().size());
            metrics.reloadSucceeded(clock.instant());
        } else {
            metrics.reloadFailed();
        }
    }
}
