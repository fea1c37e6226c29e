package io.certgauge.export.prometheus;

import io.certgauge.result.Snapshot;
import io.certgauge.result.TargetResult;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the per-address and per-target series of every target from one snapshot taken at scrape
 * time. A collector rather than meters: a target that left the configuration simply stops
 * appearing, two targets can never collide in a registration, and every scrape is one consistent
 * view. A target that fails to render is left out (and logged) instead of failing the scrape.
 * Thread-safe: scrapes may run concurrently.
 */
public final class TargetCollector implements MultiCollector {

    private static final Logger LOG = LoggerFactory.getLogger(TargetCollector.class);

    private final Supplier<Snapshot> snapshots;
    private final Clock clock;
    private final RevocationView revocation;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    /**
     * @param snapshots read once per scrape
     * @param clock the time days left are computed against
     * @param revocation where revocation answers come from, usually {@link
     *     RevocationView#FROM_REPORT}
     */
    public TargetCollector(Supplier<Snapshot> snapshots, Clock clock, RevocationView revocation) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.revocation = Objects.requireNonNull(revocation, "revocation");
    }

    @Override
    public MetricSnapshots collect() {
        return collect(snapshots.get().targets());
    }

    /**
     * The series of the given results alone, as {@code /probe} returns them. The label set of
     * {@code certgauge_target_info} is the union of these results' label keys.
     */
    public MetricSnapshots collect(List<TargetResult> results) {
        SortedSet<String> labelKeys = new TreeSet<>();
        results.forEach(r -> labelKeys.addAll(r.target().labels().keySet()));
        Instant now = clock.instant();

        Families families = new Families();
        for (TargetResult result : results) {
            String id = result.target().id();
            try {
                families.addAll(new TargetSeries(result, labelKeys, now, revocation).points());
                if (failing.remove(id)) {
                    LOG.info("{}: metrics render again", id);
                }
            } catch (RuntimeException e) {
                reportFailure(id, e);
            }
        }
        return families.snapshots();
    }

    private void reportFailure(String id, RuntimeException e) {
        if (failing.add(id)) {
            LOG.warn("{}: left out of the metrics, cannot render its result", id, e);
        } else {
            LOG.debug("{}: still left out of the metrics", id, e);
        }
    }
}
