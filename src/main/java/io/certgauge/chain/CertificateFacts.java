package io.certgauge.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.HexFormat;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The facts about one certificate that every output shows, in the value formats of the interface
 * contract: lower-case hex without separators, JDK algorithm names.
 *
 * @param keyType {@code RSA}, {@code EC}, {@code Ed25519}, {@code Ed448} or {@code DSA}
 * @param keyBits the key size in bits (RSA modulus, EC field, 255/448 for EdDSA)
 */
public record CertificateFacts(
        String subject,
        String subjectCn,
        String issuer,
        String issuerCn,
        String serial,
        String fingerprintSha256,
        String keyType,
        int keyBits,
        String signatureAlgorithm,
        Instant notBefore,
        Instant notAfter,
        boolean selfSigned) {

    public static CertificateFacts of(X509Certificate cert) {
        String subject = cert.getSubjectX500Principal().getName();
        String issuer = cert.getIssuerX500Principal().getName();
        PublicKey key = cert.getPublicKey();
        return new CertificateFacts(
                cert.getSubjectX500Principal().toString(),
                commonName(subject),
                cert.getIssuerX500Principal().toString(),
                commonName(issuer),
                cert.getSerialNumber().toString(16),
                fingerprintSha256(cert),
                keyType(key),
                keyBits(key),
                cert.getSigAlgName(),
                cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(),
                subject.equals(issuer));
    }

    /** The most specific CN of an RFC 2253 name, or empty when there is none. */
    public static String commonName(String rfc2253) {
        try {
            String cn = "";
            for (Rdn rdn : new LdapName(rfc2253).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue());
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return "";
        }
    }

    public static String fingerprintSha256(X509Certificate cert) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    static String keyType(PublicKey key) {
        String algorithm = key.getAlgorithm();
        switch (algorithm) {
            case "RSA":
            case "RSASSA-PSS":
                return "RSA";
            case "EC":
                return "EC";
            case "DSA":
                return "DSA";
            case "Ed25519":
            case "Ed448":
                return algorithm;
            case "EdDSA":
                return key.getEncoded().length > 50 ? "Ed448" : "Ed25519";
            default:
                return algorithm;
        }
    }

    static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams().getP().bitLength();
        }
        String type = keyType(key);
        if (type.equals("Ed25519")) {
            return 255;
        }
        if (type.equals("Ed448")) {
            return 448;
        }
        return 0;
    }
}
