package io.certgauge.export.prometheus;

import io.certgauge.result.Snapshot;
import io.certgauge.result.TargetResult;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Owns the Micrometer Prometheus registry: certgauge's own meters ({@link SelfMetrics}) and the
 * {@link TargetCollector} registered on its client_java registry. Thread-safe.
 */
public final class PrometheusExporter {

    /** The content type of {@link #scrape()} and {@link #render(TargetResult)}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final TargetCollector collector;
    private final SelfMetrics selfMetrics;

    /**
     * @param snapshots the result store's snapshot, read once per scrape
     * @param clock the time days left are computed against
     * @param version the build's version
     * @param configLoadedAt when the configuration in use was loaded
     */
    public PrometheusExporter(
            Supplier<Snapshot> snapshots, Clock clock, String version, Instant configLoadedAt) {
        this(snapshots, clock, version, configLoadedAt, RevocationView.FROM_REPORT);
    }

    /** As above, with revocation answers from {@code revocation}. */
    public PrometheusExporter(
            Supplier<Snapshot> snapshots,
            Clock clock,
            String version,
            Instant configLoadedAt,
            RevocationView revocation) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.collector = new TargetCollector(snapshots, clock, revocation);
        this.registry.getPrometheusRegistry().register(collector);
        this.selfMetrics = new SelfMetrics(registry, version, configLoadedAt);
    }

    /** Every target's latest result and certgauge's own metrics, in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * The exposition in the format the {@code Accept} header asks for (Prometheus text or
     * OpenMetrics), as Micrometer negotiates it.
     */
    public String scrape(String acceptHeader) {
        // Text formats only: the protobuf one is binary, which a String cannot carry, and the
        // caller labels anything but OpenMetrics as text 0.0.4.
        return acceptHeader.contains("application/openmetrics-text")
                ? registry.scrape(acceptHeader)
                : registry.scrape();
    }

    /** One target's series alone, without certgauge's own metrics: the {@code /probe} answer. */
    public String render(TargetResult result) {
        // A throwaway registry holding this one result: it writes exactly what /metrics would
        // for the target, through the same exposition code.
        PrometheusRegistry single = new PrometheusRegistry();
        single.register((MultiCollector) () -> collector.collect(List.of(result)));
        PrometheusMeterRegistry view =
                new PrometheusMeterRegistry(
                        PrometheusConfig.DEFAULT,
                        single,
                        io.micrometer.core.instrument.Clock.SYSTEM);
        try {
            return view.scrape();
        } finally {
            view.close();
        }
    }

    public SelfMetrics selfMetrics() {
        return selfMetrics;
    }

    /** For wiring further Micrometer meters, such as the HTTP server's. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
