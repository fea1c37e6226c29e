/**
 * The entry points: {@link io.certgauge.Main} (arguments and exit codes) and {@link
 * io.certgauge.Application} (the daemon's wiring and lifecycle: configuration, schedule, HTTP,
 * reload on file change, SIGHUP and {@code POST /-/reload}). Every other package is one concern and
 * knows nothing of this one.
 */
package io.certgauge;
