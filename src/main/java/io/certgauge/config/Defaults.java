package io.certgauge.config;

import java.time.Duration;

/**
 * The {@code defaults} block of a targets file.
 *
 * @param interval time between probes of one target (default 1h)
 * @param timeout deadline of one probe (default 10s)
 * @param thresholds expiry thresholds in days (30, 7, 1)
 * @param revocation OCSP and CRL checks on (default true)
 */
public record Defaults(
        Duration interval, Duration timeout, Thresholds thresholds, boolean revocation) {

    public static final Defaults BUILT_IN =
            new Defaults(Duration.ofHours(1), Duration.ofSeconds(10), Thresholds.DEFAULT, true);
}
