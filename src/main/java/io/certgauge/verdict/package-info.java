/**
 * The plugin verdict on a target: {@link io.certgauge.verdict.Status}, the Nagios range grammar of
 * {@link io.certgauge.verdict.DaysRange} and {@link io.certgauge.verdict.Verdict}, which joins days
 * left, findings and probe failures into one state. Nagios text, the Zabbix {@code status} field
 * and the JSON API all take their state from here, so they can never disagree. Pure values and
 * functions of a result and a clock: nothing here probes, logs or formats output.
 */
package io.certgauge.verdict;
