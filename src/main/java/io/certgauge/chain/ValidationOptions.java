package io.certgauge.chain;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Constraints a caller may add to path validation beyond RFC 5280 and the CA/Browser Forum profile:
 * how many intermediates a path may have, and what the leaf must be usable for. The {@link
 * #DEFAULT} is what a TLS client checks of a server: no depth limit beyond the path builder's own,
 * and a leaf usable for server authentication.
 *
 * @param maxIntermediates the most certificates a path may have between the leaf and the trust
 *     anchor; {@link #UNLIMITED} for no limit
 * @param leafKeyUsages key usages the leaf must allow when it has a keyUsage extension (RFC 5280
 *     section 4.2.1.3); a leaf without the extension allows every usage
 * @param leafExtendedKeyUsages purposes (OIDs) the leaf must allow when it has an extKeyUsage
 *     extension (RFC 5280 section 4.2.1.12); intermediates that carry the extension must allow them
 *     too
 */
public record ValidationOptions(
        int maxIntermediates, Set<KeyUsage> leafKeyUsages, Set<String> leafExtendedKeyUsages) {

    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** id-kp-serverAuth (RFC 5280 section 4.2.1.12): TLS server authentication. */
    public static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    /** What a TLS client asks of a server's chain. */
    public static final ValidationOptions DEFAULT =
            new ValidationOptions(UNLIMITED, Set.of(), Set.of(SERVER_AUTH));

    /** The keyUsage bits of RFC 5280 section 4.2.1.3, in bit order. */
    public enum KeyUsage {
        DIGITAL_SIGNATURE,
        CONTENT_COMMITMENT,
        KEY_ENCIPHERMENT,
        DATA_ENCIPHERMENT,
        KEY_AGREEMENT,
        KEY_CERT_SIGN,
        CRL_SIGN,
        ENCIPHER_ONLY,
        DECIPHER_ONLY;

        /** The bit's position in {@link java.security.cert.X509Certificate#getKeyUsage()}. */
        public int bit() {
            return ordinal();
        }

        /** The name RFC 5280 gives the bit, such as {@code digitalSignature}. */
        public String rfcName() {
            StringBuilder name = new StringBuilder();
            for (String word : name().toLowerCase(Locale.ROOT).split("_")) {
                name.append(
                        name.length() == 0
                                ? word
                                : Character.toUpperCase(word.charAt(0)) + word.substring(1));
            }
            return name.toString();
        }
    }

    public ValidationOptions {
        if (maxIntermediates < 0) {
            throw new IllegalArgumentException(
                    "maxIntermediates must not be negative: " + maxIntermediates);
        }
        leafKeyUsages = Set.copyOf(Objects.requireNonNull(leafKeyUsages, "leafKeyUsages"));
        leafExtendedKeyUsages =
                Set.copyOf(Objects.requireNonNull(leafExtendedKeyUsages, "leafExtendedKeyUsages"));
    }

    /** The same options with a different depth limit. */
    public ValidationOptions withMaxIntermediates(int max) {
        return new ValidationOptions(max, leafKeyUsages, leafExtendedKeyUsages);
    }

    /** The same options with the leaf's key usages replaced. */
    public ValidationOptions withLeafKeyUsages(Set<KeyUsage> usages) {
        return new ValidationOptions(maxIntermediates, usages, leafExtendedKeyUsages);
    }

    /** The same options with the leaf's extended key usages replaced. */
    public ValidationOptions withLeafExtendedKeyUsages(Set<String> oids) {
        return new ValidationOptions(maxIntermediates, leafKeyUsages, oids);
    }
}
