package io.certgauge.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.net.IDN;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The CA/Browser Forum Baseline Requirements profile for TLS server certificates (BR section 7.1,
 * which also makes RFC 5280's rules for conforming CAs binding), judged only on paths that end in a
 * public root: a private PKI answers to RFC 5280 alone.
 *
 * <p>Checked on what CAs issue (leaf and intermediates): positive serial numbers of at most 20
 * octets; an authorityKeyIdentifier with a keyIdentifier; a subjectKeyIdentifier and a critical
 * basicConstraints on CA certificates. On the leaf: not a CA, or a coherent one (a CA certificate
 * may end a path, RFC 5280 section 4.2.1.9); no keyCertSign otherwise; an extKeyUsage, not
 * critical, without anyExtendedKeyUsage; a subjectAltName, critical exactly when the subject is
 * empty, whose DNS names have the preferred name syntax; a common name, if any, that does not spell
 * a subjectAltName entry differently. On every certificate: key identifiers never critical,
 * authorityInfoAccess never critical or empty, policyConstraints always critical, and RSA or ECDSA
 * P-256/P-384/P-521 keys only (BR 6.1.5). On a self-signed root: basicConstraints present, an
 * authorityKeyIdentifier, if any, that is its own subjectKeyIdentifier, and no extKeyUsage.
 *
 * <p>A trust anchor is otherwise trusted as the store holds it. Roots that the JDK's {@code
 * cacerts} still ships break three root rules of BR 7.1.2.1 (a non-critical basicConstraints, an
 * authorityKeyIdentifier naming issuer and serial number, no subjectKeyIdentifier); checking those
 * on anchors would make every site below such a root untrusted, which no browser does.
 *
 * <p>Stateless.
 */
final class ServerProfile {

    private static final int MAX_SERIAL_OCTETS = 20;
    private static final int MIN_RSA_BITS = 2048;
    private static final Set<ASN1Encodable> ALLOWED_CURVES =
            Set.of(
                    SECObjectIdentifiers.secp256r1,
                    SECObjectIdentifiers.secp384r1,
                    SECObjectIdentifiers.secp521r1);
    private static final String AIA = Extension.authorityInfoAccess.getId();

    private ServerProfile() {}

    /** Every profile violation on an anchored {@code path} (leaf first, anchor last). */
    static void check(List<X509Certificate> path, List<Violation> violations) {
        int top = path.size() - 1;
        for (int i = 0; i <= top; i++) {
            X509Certificate cert = path.get(i);
            String who = Describe.role(path, i, true) + " " + Describe.name(cert);
            List<String> problems = i == top ? anchorProblems(cert) : issuedProblems(cert, i == 0);
            for (String problem : problems) {
                violations.add(new Violation(PathRule.PROFILE, cert, who + " " + problem));
            }
        }
    }

    /** What the profile finds wrong with a trust anchor at the top of a path. */
    static List<String> anchorProblems(X509Certificate anchor) {
        List<String> problems = new ArrayList<>();
        keyIdentifiers(anchor, true, problems);
        caCertificate(anchor, true, problems);
        if (Describe.selfIssued(anchor)) {
            root(anchor, problems);
        }
        extensionCriticality(anchor, problems);
        publicKey(anchor, problems);
        return problems;
    }

    /** What the profile finds wrong with what a CA issued: the leaf or an intermediate. */
    private static List<String> issuedProblems(X509Certificate cert, boolean leaf) {
        List<String> problems = new ArrayList<>();
        issuedCertificate(cert, problems);
        keyIdentifiers(cert, false, problems);
        if (leaf) {
            leaf(cert, problems);
        } else {
            caCertificate(cert, false, problems);
        }
        extensionCriticality(cert, problems);
        publicKey(cert, problems);
        return problems;
    }

    /** BR 7.1 and RFC 5280 section 4.1.2.2: positive, at most 20 octets. */
    private static void issuedCertificate(X509Certificate cert, List<String> problems) {
        BigInteger serial = cert.getSerialNumber();
        if (serial.signum() <= 0) {
            problems.add("has the serial number " + serial + "; it must be positive");
        } else if (serial.toByteArray().length > MAX_SERIAL_OCTETS) {
            problems.add(
                    "has a serial number of "
                            + serial.toByteArray().length
                            + " octets; at most 20 are allowed");
        }
    }

    /** RFC 5280 sections 4.2.1.1 and 4.2.1.2; BR 7.1.2.1.3 for roots. */
    private static void keyIdentifiers(
            X509Certificate cert, boolean anchor, List<String> problems) {
        String aki = Extension.authorityKeyIdentifier.getId();
        String ski = Extension.subjectKeyIdentifier.getId();
        if (critical(cert, aki)) {
            problems.add("marks authorityKeyIdentifier critical");
        }
        if (critical(cert, ski)) {
            problems.add("marks subjectKeyIdentifier critical");
        }
        // A trust anchor is trusted as the store holds it; only what CAs issue below it must
        // carry the identifier that path building relies on.
        if (!anchor && KeyIdentifiers.authorityKeyId(cert).isEmpty()) {
            problems.add("has no authorityKeyIdentifier keyIdentifier");
        }
        if (!anchor
                && cert.getBasicConstraints() >= 0
                && KeyIdentifiers.subjectKeyId(cert).isEmpty()) {
            problems.add("is a CA certificate without subjectKeyIdentifier");
        }
    }

    /** BR 7.1.2.1.3: a root's AKI, if any, is its own key identifier and nothing else. */
    private static void root(X509Certificate root, List<String> problems) {
        byte[] value =
                KeyIdentifiers.extensionOctets(root, Extension.authorityKeyIdentifier.getId());
        if (value != null) {
            AuthorityKeyIdentifier aki;
            try {
                aki = AuthorityKeyIdentifier.getInstance(value);
            } catch (RuntimeException e) {
                problems.add("has a malformed authorityKeyIdentifier");
                return;
            }
            Optional<byte[]> ski = KeyIdentifiers.subjectKeyId(root);
            if (aki.getKeyIdentifierOctets() == null) {
                problems.add("has an authorityKeyIdentifier without keyIdentifier");
            } else if (ski.isPresent() && !Arrays.equals(ski.get(), aki.getKeyIdentifierOctets())) {
                problems.add(
                        "has an authorityKeyIdentifier that differs from its"
                                + " subjectKeyIdentifier");
            }
        }
        if (root.getExtensionValue(Extension.extendedKeyUsage.getId()) != null) {
            problems.add("is a root with extKeyUsage (BR 7.1.2.1.2)");
        }
    }

    /** RFC 5280 section 4.2.1.9, BR 7.1.2.1.2 and 7.1.2.2: basicConstraints, critical. */
    private static void caCertificate(X509Certificate ca, boolean anchor, List<String> problems) {
        String bc = Extension.basicConstraints.getId();
        if (ca.getExtensionValue(bc) == null) {
            problems.add("is a CA certificate without basicConstraints");
        } else if (!anchor && !critical(ca, bc)) {
            problems.add("marks basicConstraints non-critical");
        }
    }

    /**
     * BR 7.1.2.7: what a subscriber (server) certificate must look like. A CA certificate served as
     * the leaf is not judged as a subscriber certificate (RFC 5280 section 4.2.1.9 lets the last
     * certificate of a path be a CA), but it must be a coherent one: cA true with a keyUsage that
     * cannot sign certificates is neither (BR 7.1.2.7.8).
     */
    private static void leaf(X509Certificate leaf, List<String> problems) {
        boolean[] keyUsage = leaf.getKeyUsage();
        boolean certSign = keyUsage != null && keyUsage.length > 5 && keyUsage[5];
        if (leaf.getBasicConstraints() >= 0) {
            if (keyUsage != null && !certSign) {
                problems.add(
                        "says it is a CA (basicConstraints cA true) but its keyUsage"
                                + " does not allow keyCertSign");
            }
            return;
        }
        if (certSign) {
            problems.add("allows keyCertSign without being a CA");
        }
        extendedKeyUsage(leaf, problems);
        subjectAltName(leaf, problems);
    }

    /** BR 7.1.2.7.10: present, not critical, serverAuth without anyExtendedKeyUsage. */
    private static void extendedKeyUsage(X509Certificate leaf, List<String> problems) {
        List<String> usages;
        try {
            usages = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return; // reported by the RFC 5280 purpose check
        }
        if (usages == null) {
            problems.add("has no extKeyUsage");
            return;
        }
        if (critical(leaf, Extension.extendedKeyUsage.getId())) {
            problems.add("marks extKeyUsage critical");
        }
        if (usages.contains(KeyPurposes.ANY_EXTENDED_KEY_USAGE)) {
            problems.add("allows anyExtendedKeyUsage");
        }
    }

    /** BR 7.1.2.7.12 and 7.1.4.3; RFC 5280 section 4.2.1.6 on criticality. */
    private static void subjectAltName(X509Certificate leaf, List<String> problems) {
        String san = Extension.subjectAlternativeName.getId();
        if (leaf.getExtensionValue(san) == null) {
            problems.add("has no subjectAltName");
            return;
        }
        boolean emptySubject = leaf.getSubjectX500Principal().getEncoded().length <= 2;
        if (critical(leaf, san) != emptySubject) {
            problems.add(
                    emptySubject
                            ? "has an empty subject and a non-critical subjectAltName"
                            : "marks subjectAltName critical beside a non-empty subject");
        }
        Set<String> sanValues = new HashSet<>();
        for (GeneralName name : HostnameMatcher.subjectAltNames(leaf)) {
            if (name.getTagNo() == GeneralName.dNSName) {
                String dns = ((ASN1String) name.getName()).getString();
                sanValues.add(dns);
                if (!HostSyntax.preferredName(dns, true)) {
                    problems.add(
                            "has the subjectAltName DNS:"
                                    + dns
                                    + ", which is not a preferred-syntax host name");
                }
            } else if (name.getTagNo() == GeneralName.iPAddress) {
                byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
                IpText.of(octets).ifPresent(sanValues::add);
            }
        }
        commonName(leaf, sanValues, problems);
    }

    /**
     * BR 7.1.4.3: at most one CN, a character-for-character copy of a SAN value. Only a CN that
     * names one of the SAN's hosts or addresses in another spelling (case, U-label, a non-canonical
     * address form) is reported: certgauge never matches on the CN, and a CN that names something
     * else entirely is ignored, as browsers ignore it.
     */
    private static void commonName(
            X509Certificate leaf, Set<String> sanValues, List<String> problems) {
        X500Name subject;
        try {
            subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
        } catch (RuntimeException e) {
            problems.add("has a malformed subject");
            return;
        }
        List<String> commonNames = new ArrayList<>();
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(BCStyle.CN) && atv.getValue() instanceof ASN1String) {
                    commonNames.add(((ASN1String) atv.getValue()).getString());
                }
            }
        }
        if (commonNames.size() > 1) {
            problems.add("has " + commonNames.size() + " common names; at most one is allowed");
        }
        for (String cn : commonNames) {
            if (!sanValues.contains(cn) && namesASanEntry(cn, sanValues)) {
                problems.add(
                        "has the common name "
                                + cn
                                + ", which is not written as its subjectAltName entry");
            }
        }
    }

    /**
     * The CN is a SAN DNS name in another spelling, or one of its IP addresses; or it is not ASCII,
     * so no dNSName (an IA5String of A-labels) can be its copy.
     */
    private static boolean namesASanEntry(String cn, Set<String> sanValues) {
        if (!cn.chars().allMatch(c -> c < 0x80)) {
            return true;
        }
        Optional<String> address = IpText.parseLenient(cn).flatMap(IpText::of);
        if (address.isPresent()) {
            return sanValues.contains(address.get());
        }
        String ascii;
        try {
            ascii = IDN.toASCII(cn, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return sanValues.stream().anyMatch(v -> v.equalsIgnoreCase(ascii));
    }

    /**
     * BR 6.1.5: RSA keys whose modulus is a multiple of 8 bits, or ECDSA keys on P-256, P-384 or
     * P-521 named by OID; nothing else.
     */
    private static void publicKey(X509Certificate cert, List<String> problems) {
        SubjectPublicKeyInfo key;
        try {
            key =
                    org.bouncycastle.asn1.x509.Certificate.getInstance(cert.getEncoded())
                            .getSubjectPublicKeyInfo();
        } catch (CertificateEncodingException | RuntimeException e) {
            problems.add("has a public key that cannot be read");
            return;
        }
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            int bits = rsaModulusBits(key);
            // A modulus under the minimum is weak_key's finding (CryptoPolicy judges every path);
            // reporting it here too would give one problem two codes.
            if (bits < 0 || (bits >= MIN_RSA_BITS && bits % 8 != 0)) {
                problems.add(
                        "has an RSA key of "
                                + bits
                                + " bits; BR 6.1.5 wants at least "
                                + MIN_RSA_BITS
                                + " bits, a multiple of 8");
            }
            return;
        }
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            ASN1Encodable curve = key.getAlgorithm().getParameters();
            if (!ALLOWED_CURVES.contains(curve)) {
                problems.add(
                        "has an EC key on "
                                + curveName(curve)
                                + "; BR 6.1.5 allows P-256, P-384 and P-521, named by OID");
            }
            return;
        }
        problems.add(
                "has a key of algorithm "
                        + algorithm.getId()
                        + "; BR 6.1.5 allows RSA and ECDSA keys only");
    }

    private static int rsaModulusBits(SubjectPublicKeyInfo key) {
        try {
            return RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String curveName(ASN1Encodable curve) {
        if (curve instanceof ASN1ObjectIdentifier) {
            String name = ECNamedCurveTable.getName((ASN1ObjectIdentifier) curve);
            return name != null ? name : ((ASN1ObjectIdentifier) curve).getId();
        }
        return "explicitly encoded curve parameters";
    }

    /** RFC 5280 sections 4.2.1.11 and 4.2.2.1. */
    private static void extensionCriticality(X509Certificate cert, List<String> problems) {
        if (critical(cert, AIA)) {
            problems.add("marks authorityInfoAccess critical");
        }
        byte[] aia = KeyIdentifiers.extensionOctets(cert, AIA);
        if (aia != null && emptySequence(aia)) {
            problems.add("has an authorityInfoAccess without any access description");
        }
        String policyConstraints = Extension.policyConstraints.getId();
        if (cert.getExtensionValue(policyConstraints) != null
                && !critical(cert, policyConstraints)) {
            problems.add("marks policyConstraints non-critical");
        }
    }

    private static boolean emptySequence(byte[] der) {
        try {
            return ASN1Sequence.getInstance(der).size() == 0;
        } catch (RuntimeException e) {
            return true; // not even a sequence: no usable access description either
        }
    }

    private static boolean critical(X509Certificate cert, String oid) {
        Set<String> critical = cert.getCriticalExtensionOIDs();
        return critical != null && critical.contains(oid);
    }
}
