/**
 * Tests of the files in {@code grafana/} and {@code nagios/}: the Prometheus rules pass promtool
 * and their own unit tests, and every metric name the integrations mention is one certgauge emits.
 * The plugin script against a running daemon is tested end to end in {@code e2e}.
 */
package io.certgauge.integrations;
