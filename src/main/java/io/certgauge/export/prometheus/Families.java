package io.certgauge.export.prometheus;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects points by family and turns them into client_java snapshots. A family without points is
 * not written at all, and a repeated label set keeps its first value: client_java rejects
 * duplicates, and one odd result must not fail the whole scrape. Not thread-safe; one per scrape.
 */
final class Families {

    private final Map<Metric, Map<Labels, Double>> points = new EnumMap<>(Metric.class);

    void addAll(List<Point> batch) {
        for (Point p : batch) {
            points.computeIfAbsent(p.metric(), m -> new LinkedHashMap<>())
                    .putIfAbsent(p.labels(), p.value());
        }
    }

    MetricSnapshots snapshots() {
        List<MetricSnapshot> families = new ArrayList<>();
        points.forEach((metric, samples) -> families.add(snapshot(metric, samples)));
        return new MetricSnapshots(families);
    }

    private static MetricSnapshot snapshot(Metric metric, Map<Labels, Double> samples) {
        if (metric.info()) {
            InfoSnapshot.Builder info =
                    InfoSnapshot.builder().name(metric.familyName()).help(metric.help());
            for (Labels labels : samples.keySet()) {
                info.dataPoint(InfoDataPointSnapshot.builder().labels(labels).build());
            }
            return info.build();
        }
        GaugeSnapshot.Builder gauge =
                GaugeSnapshot.builder().name(metric.familyName()).help(metric.help());
        samples.forEach(
                (labels, value) ->
                        gauge.dataPoint(
                                GaugeDataPointSnapshot.builder()
                                        .labels(labels)
                                        .value(value)
                                        .build()));
        return gauge.build();
    }
}
