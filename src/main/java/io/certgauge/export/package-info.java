/**
 * The outputs certgauge serves, one sub-package per consumer: {@code prometheus}, {@code zabbix},
 * {@code nagios} and {@code json}. Exporters only read a {@link io.certgauge.result.Snapshot} or a
 * {@link io.certgauge.result.TargetResult}; they never probe. Days left are computed when the
 * output is rendered, from an injected {@link java.time.Clock}. The HTTP layer decides which output
 * a request gets; nothing here knows about HTTP.
 */
package io.certgauge.export;
