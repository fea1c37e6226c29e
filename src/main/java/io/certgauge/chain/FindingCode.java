package io.certgauge.chain;

import java.util.Locale;

/** Every finding certgauge reports; the same words in every output. See DESIGN in docs/. */
public enum FindingCode {
    EXPIRED(Severity.ERROR),
    NOT_YET_VALID(Severity.ERROR),
    HOSTNAME_MISMATCH(Severity.ERROR),
    UNTRUSTED(Severity.ERROR),
    SELF_SIGNED(Severity.ERROR),
    INCOMPLETE_CHAIN(Severity.ERROR),
    REVOKED(Severity.ERROR),
    WEAK_KEY(Severity.ERROR),
    WEAK_SIGNATURE(Severity.ERROR),
    CHAIN_ORDER(Severity.WARNING),
    EXPIRED_EXTRA_CERT(Severity.WARNING),
    DEPRECATED_PROTOCOL(Severity.WARNING),
    MUST_STAPLE_MISSING(Severity.WARNING),
    RENEWAL_OVERDUE(Severity.WARNING),
    LIFETIME_TOO_LONG(Severity.WARNING),
    INCONSISTENT_ADDRESSES(Severity.WARNING),
    SERVED_MISMATCH(Severity.WARNING),
    REVOCATION_UNKNOWN(Severity.WARNING);

    private final Severity severity;

    FindingCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }

    /**
     * The code as written in metrics, JSON and plugin output, such as {@code hostname_mismatch}.
     */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
