package io.certgauge.export.prometheus;

import io.certgauge.probe.ProbeErrorReason;
import io.certgauge.probe.ProbeFailed;
import io.certgauge.probe.ProbeOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * certgauge's own metrics, as Micrometer meters. On the Prometheus registry they are exposed as
 * {@code certgauge_build_info{version}}, {@code certgauge_targets}, {@code
 * certgauge_probes_total{result}} ({@code success} or the failure reason, every value present from
 * the start), {@code certgauge_round_duration_seconds} (the last finished round; absent before the
 * first), {@code certgauge_config_last_reload_successful} and {@code
 * certgauge_config_last_reload_success_timestamp_seconds}. Thread-safe.
 */
public final class SelfMetrics {

    static final String SUCCESS = "success";

    private final Counter successes;
    private final Map<ProbeErrorReason, Counter> failures = new EnumMap<>(ProbeErrorReason.class);
    private final AtomicLong targets = new AtomicLong();
    private final AtomicReference<Double> roundSeconds = new AtomicReference<>();
    private final AtomicBoolean lastReloadOk = new AtomicBoolean(true);
    private final AtomicLong lastReloadSuccessMillis;
    private final MeterRegistry registry;

    /**
     * Registers the meters.
     *
     * @param version the build's version, for {@code certgauge_build_info}
     * @param configLoadedAt when the configuration in use was loaded: the first load counts as a
     *     successful reload, so both reload metrics are known from the start
     */
    public SelfMetrics(MeterRegistry registry, String version, Instant configLoadedAt) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.lastReloadSuccessMillis = new AtomicLong(configLoadedAt.toEpochMilli());

        // Micrometer's Prometheus registry writes a gauge named *.info as an info metric.
        Gauge.builder("certgauge.build.info", () -> 1)
                .description("certgauge's version.")
                .tag("version", version)
                .register(registry);
        Gauge.builder("certgauge.targets", targets, AtomicLong::get)
                .description("Targets in the configuration.")
                .register(registry);
        successes = probeCounter(SUCCESS);
        for (ProbeErrorReason reason : ProbeErrorReason.values()) {
            failures.put(reason, probeCounter(reason.label()));
        }
        Gauge.builder(
                        "certgauge.config.last.reload.successful",
                        lastReloadOk,
                        ok -> ok.get() ? 1 : 0)
                .description("1 when the last configuration load succeeded.")
                .register(registry);
        Gauge.builder(
                        "certgauge.config.last.reload.success.timestamp",
                        lastReloadSuccessMillis,
                        m -> m.get() / 1000.0)
                .baseUnit("seconds")
                .description("When the configuration was last loaded successfully.")
                .register(registry);
    }

    private Counter probeCounter(String result) {
        return Counter.builder("certgauge.probes")
                .description("Probes of one address, by result: success or the failure reason.")
                .tag("result", result)
                .register(registry);
    }

    /** Counts one probe of one address. */
    public void probed(ProbeOutcome outcome) {
        if (outcome instanceof ProbeFailed failed) {
            failures.get(failed.reason()).increment();
        } else {
            successes.increment();
        }
    }

    /** Sets the number of configured targets. */
    public void targets(int count) {
        targets.set(count);
    }

    /** Records how long a finished round took. */
    public void roundFinished(Duration duration) {
        // Registered at the first round, so no value is written before one is known.
        if (roundSeconds.getAndSet(duration.toNanos() / 1e9) == null) {
            Gauge.builder("certgauge.round.duration", roundSeconds, r -> r.get())
                    .baseUnit("seconds")
                    .description("Wall time of the last finished probe round.")
                    .register(registry);
        }
    }

    /** A reload succeeded at {@code at}. */
    public void reloadSucceeded(Instant at) {
        lastReloadSuccessMillis.set(at.toEpochMilli());
        lastReloadOk.set(true);
    }

    /** A reload failed; the previous configuration stays in use. */
    public void reloadFailed() {
        lastReloadOk.set(false);
    }
}
