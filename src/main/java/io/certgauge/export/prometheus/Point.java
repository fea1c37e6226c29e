package io.certgauge.export.prometheus;

import io.prometheus.metrics.model.snapshots.Labels;

/** One sample before it joins its family; info families ignore the value. */
record Point(Metric metric, Labels labels, double value) {}
