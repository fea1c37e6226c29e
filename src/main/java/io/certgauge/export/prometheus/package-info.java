/**
 * Prometheus exposition: {@link io.certgauge.export.prometheus.TargetCollector} writes every
 * per-address and per-target series of the metrics contract from a snapshot taken at scrape time;
 * {@link io.certgauge.export.prometheus.SelfMetrics} holds certgauge's own Micrometer meters;
 * {@link io.certgauge.export.prometheus.PrometheusExporter} owns the registry that joins them.
 * Metric names, labels and value formats live here and nowhere else.
 */
package io.certgauge.export.prometheus;
