package io.certgauge.chain;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the certificates on a path may be used for: the leaf's extKeyUsage and keyUsage against what
 * the caller asks ({@link ValidationOptions}), and the extKeyUsage of intermediates that carry one.
 *
 * <p>RFC 5280 section 4.2.1.12 limits a certificate to the purposes its extKeyUsage lists; {@code
 * anyExtendedKeyUsage} allows every purpose. An intermediate's extKeyUsage is not an RFC 5280
 * constraint, but every browser treats it as one (a CA limited to e-mail cannot issue TLS servers),
 * so certgauge does too. The anchor's own extKeyUsage is left to the trust store's decision to
 * trust it. Stateless.
 */
final class KeyPurposes {

    static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private static final Map<String, String> NAMES =
            Map.of(
                    ValidationOptions.SERVER_AUTH,
                    "serverAuth",
                    "1.3.6.1.5.5.7.3.2",
                    "clientAuth",
                    "1.3.6.1.5.5.7.3.3",
                    "codeSigning",
                    "1.3.6.1.5.5.7.3.4",
                    "emailProtection",
                    "1.3.6.1.5.5.7.3.8",
                    "timeStamping",
                    "1.3.6.1.5.5.7.3.9",
                    "OCSPSigning",
                    ANY_EXTENDED_KEY_USAGE,
                    "anyExtendedKeyUsage");

    private KeyPurposes() {}

    /** Every purpose violation on {@code path}; the top certificate is skipped when anchored. */
    static void check(
            List<X509Certificate> path,
            boolean anchored,
            ValidationOptions options,
            List<Violation> violations) {
        X509Certificate leaf = path.get(0);
        checkLeafKeyUsage(leaf, options, violations);
        int lastIssuer = anchored ? path.size() - 2 : path.size() - 1;
        for (int i = 0; i <= lastIssuer; i++) {
            X509Certificate cert = path.get(i);
            String who = (i == 0 ? "leaf " : "intermediate ") + Describe.name(cert);
            checkExtendedKeyUsage(cert, who, options, violations);
        }
    }

    static String name(String oid) {
        return NAMES.getOrDefault(oid, oid);
    }

    private static void checkExtendedKeyUsage(
            X509Certificate cert,
            String who,
            ValidationOptions options,
            List<Violation> violations) {
        List<String> usages;
        try {
            usages = cert.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            violations.add(
                    new Violation(
                            PathRule.EXTENDED_KEY_USAGE,
                            cert,
                            who + " has a malformed extKeyUsage extension"));
            return;
        }
        if (usages == null) {
            return;
        }
        if (usages.isEmpty()) {
            // RFC 5280 section 4.2.1.12: KeyPurposeId SIZE (1..MAX); an empty list allows nothing.
            violations.add(
                    new Violation(
                            PathRule.EXTENDED_KEY_USAGE,
                            cert,
                            who + " has an extKeyUsage extension that lists no purpose"));
            return;
        }
        if (usages.contains(ANY_EXTENDED_KEY_USAGE)) {
            return;
        }
        for (String required : options.leafExtendedKeyUsages()) {
            if (!usages.contains(required)) {
                violations.add(
                        new Violation(
                                PathRule.EXTENDED_KEY_USAGE,
                                cert,
                                who + " allows " + names(usages) + ", not " + name(required)));
            }
        }
    }

    private static void checkLeafKeyUsage(
            X509Certificate leaf, ValidationOptions options, List<Violation> violations) {
        boolean[] bits = leaf.getKeyUsage();
        if (bits == null) {
            return;
        }
        for (ValidationOptions.KeyUsage usage : options.leafKeyUsages()) {
            if (bits.length <= usage.bit() || !bits[usage.bit()]) {
                violations.add(
                        new Violation(
                                PathRule.KEY_USAGE,
                                leaf,
                                "leaf "
                                        + Describe.name(leaf)
                                        + " has a keyUsage without "
                                        + usage.rfcName()));
            }
        }
    }

    private static String names(List<String> oids) {
        return oids.stream().map(KeyPurposes::name).collect(Collectors.joining(", "));
    }
}
