package io.certgauge.chain;

import io.certgauge.demo.Pki;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates with exactly the extensions a rule test needs, which {@link Pki} does not make: name
 * constraints, odd extKeyUsage lists, missing key identifiers, chosen serials and keys. Starts from
 * a well-formed web PKI certificate (key identifiers, critical basicConstraints, keyUsage, and for
 * a leaf serverAuth and a SAN equal to its CN) that each test then bends.
 */
final class CertBuilder {

    private static final AtomicLong SERIALS = new AtomicLong(0x5000);

    private final String subject;
    private final boolean ca;
    private Pki.Issued issuer;
    private KeyPair keys;
    private BigInteger serial = BigInteger.valueOf(SERIALS.incrementAndGet());
    private Instant notBefore = AnalyzerTest.NOW.minus(Duration.ofDays(10));
    private Duration validity = Duration.ofDays(90);
    private final List<Object[]> extensions = new ArrayList<>();
    private final Set<ASN1ObjectIdentifier> omitted = new HashSet<>();

    private CertBuilder(String subject, boolean ca) {
        this.subject = subject;
        this.ca = ca;
    }

    /** A CA certificate for {@code CN=cn}; self-signed unless {@link #issuedBy} is called. */
    static CertBuilder ca(String cn) {
        return new CertBuilder("CN=" + cn, true);
    }

    /** A server leaf for {@code CN=dnsName} with that name as its only SAN. */
    static CertBuilder leaf(String dnsName) {
        return new CertBuilder("CN=" + dnsName, false)
                .san(new GeneralName(GeneralName.dNSName, dnsName));
    }

    /** A leaf with a full subject and no SAN unless one is added. */
    static CertBuilder leafWithSubject(String x500) {
        return new CertBuilder(x500, false);
    }

    CertBuilder issuedBy(Pki.Issued issuer) {
        this.issuer = issuer;
        return this;
    }

    CertBuilder keys(KeyPair keys) {
        this.keys = keys;
        return this;
    }

    CertBuilder serial(BigInteger serial) {
        this.serial = serial;
        return this;
    }

    CertBuilder validFor(Duration validity) {
        this.validity = validity;
        return this;
    }

    /** Replaces the SAN extension (non-critical) with these names. */
    CertBuilder san(GeneralName... names) {
        return extension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }

    CertBuilder eku(boolean critical, KeyPurposeId... purposes) {
        return extension(Extension.extendedKeyUsage, critical, new ExtendedKeyUsage(purposes));
    }

    CertBuilder keyUsage(int bits) {
        return extension(Extension.keyUsage, true, new KeyUsage(bits));
    }

    /** Critical name constraints; either list may be empty (and is then left out). */
    CertBuilder nameConstraints(List<GeneralName> permitted, List<GeneralName> excluded) {
        return extension(
                Extension.nameConstraints,
                true,
                new NameConstraints(subtrees(permitted), subtrees(excluded)));
    }

    /** Adds or replaces an extension. */
    CertBuilder extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        extensions.removeIf(e -> e[0].equals(oid));
        omitted.remove(oid);
        extensions.add(new Object[] {oid, critical, value});
        return this;
    }

    /** Leaves out an extension the builder would otherwise add. */
    CertBuilder without(ASN1ObjectIdentifier oid) {
        extensions.removeIf(e -> e[0].equals(oid));
        omitted.add(oid);
        return this;
    }

    Pki.Issued issue() {
        try {
            KeyPair keyPair = keys != null ? keys : Pki.generateKeyPair("EC", 256);
            KeyPair signer = issuer != null ? issuer.keyPair() : keyPair;
            X500Name issuerName =
                    issuer != null
                            ? X500Name.getInstance(
                                    issuer.certificate().getSubjectX500Principal().getEncoded())
                            : new X500Name(subject);
            X509v3CertificateBuilder builder =
                    new JcaX509v3CertificateBuilder(
                            issuerName,
                            serial,
                            Date.from(notBefore),
                            Date.from(notBefore.plus(validity)),
                            new X500Name(subject),
                            keyPair.getPublic());
            for (Object[] e : defaults(keyPair, signer)) {
                ASN1ObjectIdentifier oid = (ASN1ObjectIdentifier) e[0];
                boolean overridden = extensions.stream().anyMatch(x -> x[0].equals(oid));
                if (!omitted.contains(oid) && !overridden) {
                    builder.addExtension(oid, (Boolean) e[1], (ASN1Encodable) e[2]);
                }
            }
            for (Object[] e : extensions) {
                builder.addExtension(
                        (ASN1ObjectIdentifier) e[0], (Boolean) e[1], (ASN1Encodable) e[2]);
            }
            String algorithm =
                    signer.getPrivate().getAlgorithm().equals("EC")
                            ? "SHA256withECDSA"
                            : "SHA256with" + signer.getPrivate().getAlgorithm();
            X509Certificate cert =
                    new JcaX509CertificateConverter()
                            .getCertificate(
                                    builder.build(
                                            new JcaContentSignerBuilder(algorithm)
                                                    .build(signer.getPrivate())));
            return new Pki.Issued(cert, keyPair);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue test certificate " + subject, e);
        }
    }

    private List<Object[]> defaults(KeyPair keyPair, KeyPair signer) throws Exception {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        List<Object[]> defaults = new ArrayList<>();
        defaults.add(
                new Object[] {
                    Extension.subjectKeyIdentifier,
                    false,
                    utils.createSubjectKeyIdentifier(keyPair.getPublic())
                });
        if (issuer != null) {
            defaults.add(
                    new Object[] {
                        Extension.authorityKeyIdentifier,
                        false,
                        utils.createAuthorityKeyIdentifier(signer.getPublic())
                    });
        }
        defaults.add(new Object[] {Extension.basicConstraints, true, new BasicConstraints(ca)});
        defaults.add(
                new Object[] {
                    Extension.keyUsage,
                    true,
                    new KeyUsage(
                            ca
                                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                                    : KeyUsage.digitalSignature)
                });
        if (!ca) {
            defaults.add(
                    new Object[] {
                        Extension.extendedKeyUsage,
                        false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)
                    });
        }
        return defaults;
    }

    private static GeneralSubtree[] subtrees(List<GeneralName> bases) {
        if (bases.isEmpty()) {
            return null;
        }
        return bases.stream().map(GeneralSubtree::new).toArray(GeneralSubtree[]::new);
    }
}
