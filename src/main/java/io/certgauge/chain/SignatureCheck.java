package io.certgauge.chain;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;

/**
 * Verifies that one certificate's signature was made with another's key, remembering each answer:
 * path enumeration asks about the same link many times. One instance per analysis; not thread-safe.
 */
final class SignatureCheck {

    private record Link(X509Certificate cert, X509Certificate issuer) {}

    private final Map<Link, Boolean> results = new HashMap<>();

    boolean verifies(X509Certificate cert, X509Certificate issuer) {
        return results.computeIfAbsent(new Link(cert, issuer), SignatureCheck::verify);
    }

    /** Self-issued and signed with its own key. */
    boolean selfSigned(X509Certificate cert) {
        return Describe.selfIssued(cert) && verifies(cert, cert);
    }

    private static boolean verify(Link link) {
        try {
            link.cert().verify(link.issuer().getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            // A server controls these bytes: providers throw runtime exceptions on some
            // malformed keys and signatures, and any of them means "does not verify".
            return false;
        }
    }
}
