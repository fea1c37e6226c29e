package io.certgauge.chain;

/** The reason codes of RFC 5280 section 5.3.1, by the names the RFC gives them. */
final class RevocationReason {

    private static final String[] NAMES = {
        "unspecified",
        "keyCompromise",
        "cACompromise",
        "affiliationChanged",
        "superseded",
        "cessationOfOperation",
        "certificateHold",
        null,
        "removeFromCRL",
        "privilegeWithdrawn",
        "aACompromise"
    };

    private RevocationReason() {}

    /** The RFC's name of a reason code, or {@code reason N} for a code it does not define. */
    static String name(int code) {
        if (code >= 0 && code < NAMES.length && NAMES[code] != null) {
            return NAMES[code];
        }
        return "reason " + code;
    }
}
