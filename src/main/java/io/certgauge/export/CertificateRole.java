package io.certgauge.export;

import io.certgauge.chain.CertificateFacts;
import java.util.Locale;

/**
 * The role of a certificate in a presented chain, as the {@code role} label and the JSON API write
 * it: position 0 is the leaf whatever it is; after it, a self-signed certificate is a root and any
 * other an intermediate.
 */
public enum CertificateRole {
    LEAF,
    INTERMEDIATE,
    ROOT;

    public static CertificateRole of(int position, CertificateFacts facts) {
        if (position == 0) {
            return LEAF;
        }
        return facts.selfSigned() ? ROOT : INTERMEDIATE;
    }

    /** {@code leaf}, {@code intermediate} or {@code root}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
