package io.certgauge.chain;

import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Weak keys, weak signatures and old protocol versions: {@code weak_key}, {@code weak_signature}
 * and {@code deprecated_protocol}.
 *
 * <p>These rules apply to every path, public or private: a weak key is weak whoever signed it. Key
 * sizes follow the CA/Browser Forum Baseline Requirements section 6.1.5 (RSA of at least 2048 bits,
 * ECDSA on P-256 or larger; DSA is not among the allowed algorithms, and FIPS 186-5 no longer
 * approves it for signing). MD5 and SHA-1 signatures can be forged with chosen-prefix collisions
 * (RFC 6151, RFC 6194 and the 2020 SHA-1 collision work), so the Baseline Requirements section
 * 7.1.3.2 forbid them.
 *
 * <p>{@code deprecated_protocol} reads the negotiated version. certgauge offers TLS 1.0 to 1.3 in
 * every handshake (see {@code JdkTlsPolicy.relax}), and a server picks the highest version both
 * sides support (RFC 8446 section 4.2.1, RFC 5246 appendix E), so the negotiated version is the
 * best the server offers. RFC 8996 deprecates TLS 1.0 and 1.1; RFC 7568 SSL 3.0.
 *
 * <p>Stateless; thread-safe.
 */
final class CryptoPolicy {

    static final int MIN_RSA_BITS = 2048;
    static final int MIN_EC_BITS = 256;

    /** Versions as the JDK names them; SSLv3 cannot be negotiated by certgauge but is listed. */
    static final Set<String> DEPRECATED_PROTOCOLS = Set.of("TLSv1.1", "TLSv1", "SSLv3");

    private static final List<String> WEAK_DIGESTS = List.of("MD2", "MD5", "SHA1");

    private CryptoPolicy() {}

    /**
     * Every finding of this policy.
     *
     * @param certs the chosen path, leaf first, or the leaf alone when no path reaches an anchor
     * @param anchored whether the last of {@code certs} is a trust anchor
     * @param protocol the negotiated TLS version, or {@code null} when there was no handshake
     */
    // Limitation: when no path reaches a trust anchor only the leaf is judged; the issuers an
    // untrusted chain presents are not, since which of them matter is unknown without a path.
    static List<Finding> findings(List<X509Certificate> certs, boolean anchored, String protocol) {
        List<Finding> findings = new ArrayList<>();
        weakKey(certs, anchored).ifPresent(findings::add);
        weakSignature(certs, anchored).ifPresent(findings::add);
        deprecatedProtocol(protocol).ifPresent(findings::add);
        return findings;
    }

    /** {@code weak_key}: every certificate given, the trust anchor included. */
    static Optional<Finding> weakKey(List<X509Certificate> certs, boolean anchored) {
        List<String> weak = new ArrayList<>();
        for (int i = 0; i < certs.size(); i++) {
            X509Certificate cert = certs.get(i);
            String type = CertificateFacts.keyType(cert.getPublicKey());
            int bits = CertificateFacts.keyBits(cert.getPublicKey());
            int index = i;
            keyWeakness(type, bits)
                    .ifPresent(
                            why ->
                                    weak.add(
                                            role(certs, index, anchored)
                                                    + " "
                                                    + Describe.name(cert)
                                                    + " has "
                                                    + why));
        }
        return weak.isEmpty()
                ? Optional.empty()
                : Optional.of(new Finding(FindingCode.WEAK_KEY, String.join("; ", weak)));
    }

    /** Why a key of this type and size is weak, or empty when it is not. */
    static Optional<String> keyWeakness(String keyType, int bits) {
        switch (keyType) {
            case "RSA":
                return bits < MIN_RSA_BITS
                        ? Optional.of(
                                "a "
                                        + bits
                                        + "-bit RSA key (at least "
                                        + MIN_RSA_BITS
                                        + " bits needed)")
                        : Optional.empty();
            case "EC":
                return bits < MIN_EC_BITS
                        ? Optional.of(
                                "a "
                                        + bits
                                        + "-bit EC key (at least "
                                        + MIN_EC_BITS
                                        + " bits needed)")
                        : Optional.empty();
            case "DSA":
                return Optional.of("a " + bits + "-bit DSA key (DSA is no longer accepted)");
            default:
                // Ed25519 and Ed448 are strong; an algorithm unknown here is not judged.
                return Optional.empty();
        }
    }

    /**
     * {@code weak_signature}: every certificate given but the trust anchor, whose own signature no
     * validation relies on (RFC 5280 section 6.1.1 takes the anchor as input, unverified).
     */
    static Optional<Finding> weakSignature(List<X509Certificate> certs, boolean anchored) {
        int checked = anchored ? certs.size() - 1 : certs.size();
        List<String> weak = new ArrayList<>();
        for (int i = 0; i < checked; i++) {
            X509Certificate cert = certs.get(i);
            int index = i;
            weakDigest(cert)
                    .ifPresent(
                            algorithm ->
                                    weak.add(
                                            role(certs, index, anchored)
                                                    + " "
                                                    + Describe.name(cert)
                                                    + " is signed with "
                                                    + algorithm));
        }
        if (weak.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Finding(
                        FindingCode.WEAK_SIGNATURE,
                        String.join("; ", weak) + " (MD5 and SHA-1 signatures can be forged)"));
    }

    /** The signature algorithm when it hashes with MD2, MD5 or SHA-1, else empty. */
    static Optional<String> weakDigest(X509Certificate cert) {
        String name = cert.getSigAlgName();
        String upper = name.toUpperCase(Locale.ROOT);
        if (WEAK_DIGESTS.stream().anyMatch(upper::startsWith)) {
            return Optional.of(name);
        }
        if (upper.equals("RSASSA-PSS")) {
            // RSASSA-PSS names its hash in the parameters (RFC 4055 section 3.1).
            return pssDigest(cert)
                    .filter(
                            digest ->
                                    digest.equalsIgnoreCase("SHA-1")
                                            || digest.equalsIgnoreCase("SHA1"))
                    .map(digest -> "RSASSA-PSS with SHA-1");
        }
        return Optional.empty();
    }

    private static Optional<String> pssDigest(X509Certificate cert) {
        byte[] encoded = cert.getSigAlgParams();
        if (encoded == null) {
            // Absent parameters mean the defaults of RFC 4055 section 3.1: SHA-1.
            return Optional.of("SHA-1");
        }
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
            parameters.init(encoded);
            return Optional.of(
                    parameters.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm());
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            // Unreadable parameters: the signature does not verify either, which path
            // validation reports; nothing to add here.
            return Optional.empty();
        }
    }

    /** {@code deprecated_protocol}: the negotiated, hence best offered, version is too old. */
    static Optional<Finding> deprecatedProtocol(String protocol) {
        if (protocol == null || !DEPRECATED_PROTOCOLS.contains(protocol)) {
            return Optional.empty();
        }
        return Optional.of(
                new Finding(
                        FindingCode.DEPRECATED_PROTOCOL,
                        "the server's best protocol is "
                                + protocol
                                + " (certgauge offers TLS 1.0 to"
                                + " 1.3); "
                                + (protocol.equals("SSLv3") ? "RFC 7568" : "RFC 8996")
                                + " deprecates it, and current clients refuse it"));
    }

    private static String role(List<X509Certificate> certs, int index, boolean anchored) {
        boolean anchor = anchored && index == certs.size() - 1;
        if (index == 0) {
            return anchor ? "leaf (a trust anchor itself)" : "leaf";
        }
        return anchor ? "trust anchor" : "intermediate";
    }
}
