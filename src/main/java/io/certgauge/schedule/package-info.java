/**
 * Runs the probes: {@link io.certgauge.schedule.TargetChecker} probes one target at every address,
 * has each chain analysed and merges the outcome with what was known before; {@link
 * io.certgauge.schedule.Scheduler} repeats that for every target on its interval. Imports neither
 * Javalin nor Micrometer: progress is reported through {@link io.certgauge.schedule.ProbeListener}.
 */
package io.certgauge.schedule;
