package io.certgauge.export.prometheus;

/**
 * Every series family the collector writes, with its exposition name and help text. Info families
 * are named without their {@code _info} suffix: client_java's info type adds it, and a gauge named
 * {@code …_info} would lose it (the suffix is reserved).
 */
enum Metric {
    PROBE_SUCCESS(
            "certgauge_probe_success",
            "1 when the latest probe read the chain, even when the chain is invalid."),
    PROBE_DURATION(
            "certgauge_probe_duration_seconds", "Wall time of the latest probe of the address."),
    PROBE_ERROR("certgauge_probe_error", "Present, 1, with the reason the latest probe failed."),
    LAST_SUCCESS(
            "certgauge_last_success_timestamp_seconds",
            "When a chain was last read from the address."),
    CERT_NOT_AFTER("certgauge_cert_not_after_timestamp_seconds", "The last known leaf's notAfter."),
    CERT_NOT_BEFORE(
            "certgauge_cert_not_before_timestamp_seconds", "The last known leaf's notBefore."),
    CERT_EXPIRY_DAYS(
            "certgauge_cert_expiry_days",
            "Days until the last known leaf expires; negative once expired."),
    CHAIN_EXPIRY_DAYS(
            "certgauge_chain_expiry_days",
            "Days until the earliest notAfter on the path, the trust anchor included."),
    CHAIN_CERT_NOT_AFTER(
            "certgauge_chain_cert_not_after_timestamp_seconds",
            "notAfter of every presented certificate; position 0 is the leaf."),
    CHAIN_VERIFIED(
            "certgauge_chain_verified", "1 when a path to a trust anchor exists, dates aside."),
    HOSTNAME_MATCH("certgauge_hostname_match", "1 when the leaf is valid for the checked name."),
    CHAIN_VALID("certgauge_chain_valid", "1 when no finding of severity error is present."),
    VALIDATION_ERROR("certgauge_validation_error", "Present, 1, for each finding on the address."),
    CERT_INFO("certgauge_cert", "The last known leaf certificate.", true),
    TLS_INFO("certgauge_tls", "The TLS version and cipher the handshake negotiated.", true),
    REVOCATION_STATUS(
            "certgauge_revocation_status",
            "Present, 1, with each revocation source's answer; absent when not checked."),
    STAPLE_NEXT_UPDATE(
            "certgauge_ocsp_staple_next_update_timestamp_seconds",
            "nextUpdate of the stapled OCSP response."),
    TARGET_INFO("certgauge_target", "The target's labels from the targets file.", true),
    TARGET_WARNING_DAYS("certgauge_target_warning_days", "The target's warning threshold."),
    TARGET_CRITICAL_DAYS("certgauge_target_critical_days", "The target's critical threshold."),
    TARGET_EMERGENCY_DAYS("certgauge_target_emergency_days", "The target's emergency threshold."),
    TARGET_INTERVAL("certgauge_target_interval_seconds", "Time between probes of the target.");

    private final String name;
    private final String help;
    private final boolean info;

    Metric(String name, String help) {
        this(name, help, false);
    }

    Metric(String name, String help, boolean info) {
        this.name = name;
        this.help = help;
        this.info = info;
    }

    /** The family name; an info family's exposition adds {@code _info}. */
    String familyName() {
        return name;
    }

    String help() {
        return help;
    }

    boolean info() {
        return info;
    }
}
