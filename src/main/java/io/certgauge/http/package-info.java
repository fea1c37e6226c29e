/**
 * The HTTP endpoints (Javalin): each reads a snapshot of the result store and hands it to an
 * exporter; only {@code /probe} probes, and only targets {@code probe_allow} permits.
 */
package io.certgauge.http;
