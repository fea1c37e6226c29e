package io.certgauge.chain;

/** A rule a certification path can break; the label is what an {@code untrusted} message names. */
enum PathRule {
    /** RFC 5280 section 6.1.3 (a)(1). */
    SIGNATURE("signature"),
    /** RFC 5280 section 6.1.3 (a)(4): the issuer name equals the issuer's subject. */
    ISSUER_NAME("issuer name"),
    /** RFC 5280 section 4.2.1.9 and 6.1.4 (k): only a CA issues certificates. */
    BASIC_CONSTRAINTS("basic constraints"),
    /** RFC 5280 section 4.2.1.9 and 6.1.4 (l), (m). */
    PATH_LENGTH("path length"),
    /** RFC 5280 section 4.2.1.3 and 6.1.4 (n): an issuer's keyUsage allows keyCertSign. */
    KEY_USAGE("key usage"),
    /** RFC 5280 section 4.2: a critical extension the validator does not know is fatal. */
    CRITICAL_EXTENSION("critical extension"),
    /** RFC 5280 sections 4.2.1.10 and 6.1.3 (b), (c): names within every CA's constraints. */
    NAME_CONSTRAINTS("name constraints"),
    /** RFC 5280 section 4.2.1.12: the leaf, and any issuer that limits it, allow the purpose. */
    EXTENDED_KEY_USAGE("EKU"),
    /** A caller's limit on the number of intermediates ({@link ValidationOptions}). */
    CHAIN_DEPTH("chain depth"),
    /** A CA/Browser Forum Baseline Requirements rule; judged on paths to public roots only. */
    PROFILE("CA/Browser Forum profile"),
    /** No trust anchor or known certificate issued the path's last certificate. */
    UNKNOWN_ISSUER("unknown issuer"),
    /** RFC 5280 section 6.1.3 (a)(2): after notAfter. */
    EXPIRED("expired"),
    /** RFC 5280 section 6.1.3 (a)(2): before notBefore. */
    NOT_YET_VALID("not yet valid");

    private final String label;

    PathRule(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Rules about the validity period, the one kind of failure a path may still be chosen for. */
    boolean aboutDates() {
        return this == EXPIRED || this == NOT_YET_VALID;
    }
}
