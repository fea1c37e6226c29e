package io.certgauge.chain;

import java.security.cert.X509Certificate;

/**
 * One broken rule on a path.
 *
 * @param certificate the certificate the rule failed on
 * @param detail a sentence naming the certificates involved, for a finding's message
 */
record Violation(PathRule rule, X509Certificate certificate, String detail) {

    /** The rule's label and the detail, as an {@code untrusted} finding says it. */
    String message() {
        return rule.label() + ": " + detail;
    }
}
