/**
 * Tests of what certgauge ships for other monitoring systems: the Zabbix template and agent
 * UserParameters under {@code zabbix-templates/} (checked against the JSON the daemon serves and
 * run by the real agent), and the files in {@code grafana/} (the Prometheus rules pass promtool and
 * their own unit tests; every metric name the integrations mention is one certgauge emits). The
 * Nagios plugin script against a running daemon is tested end to end in {@code e2e}.
 */
package io.certgauge.integrations;
