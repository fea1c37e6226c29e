package io.certgauge.config;

/**
 * A target's expiry thresholds in days (fractions allowed).
 *
 * @param warningDays warn when fewer days are left (default 30)
 * @param criticalDays critical when fewer days are left (default 7)
 * @param emergencyDays the last escalation step (default 1)
 */
public record Thresholds(double warningDays, double criticalDays, double emergencyDays) {

    public static final Thresholds DEFAULT = new Thresholds(30, 7, 1);
}
