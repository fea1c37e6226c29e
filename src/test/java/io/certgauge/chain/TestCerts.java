package io.certgauge.chain;

import io.certgauge.demo.Pki;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** CA certificates that {@link Pki} cannot make: odd key usages, unknown critical extensions. */
final class TestCerts {

    /** An arbitrary private-enterprise OID that no validator knows. */
    static final String UNKNOWN_EXTENSION = "1.3.6.1.4.1.55555.1";

    private static final AtomicLong SERIALS = new AtomicLong(0x9000);

    private TestCerts() {}

    /**
     * A CA certificate (basicConstraints cA true) issued by {@code issuer}.
     *
     * @param keyUsage BouncyCastle {@link KeyUsage} bits
     * @param unknownCriticalExtension whether to add {@link #UNKNOWN_EXTENSION}, critical
     */
    static Pki.Issued ca(
            String cn,
            Pki.Issued issuer,
            int keyUsage,
            boolean unknownCriticalExtension,
            Instant notBefore,
            Duration validity) {
        try {
            KeyPair keys = Pki.generateKeyPair("EC", 256);
            X500Name issuerName =
                    X500Name.getInstance(
                            issuer.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder =
                    new JcaX509v3CertificateBuilder(
                            issuerName,
                            BigInteger.valueOf(SERIALS.incrementAndGet()),
                            Date.from(notBefore),
                            Date.from(notBefore.plus(validity)),
                            new X500Name("CN=" + cn),
                            keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    utils.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    utils.createAuthorityKeyIdentifier(issuer.keyPair().getPublic()));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            if (unknownCriticalExtension) {
                builder.addExtension(
                        new ASN1ObjectIdentifier(UNKNOWN_EXTENSION), true, DERNull.INSTANCE);
            }
            X509Certificate cert =
                    new JcaX509CertificateConverter()
                            .getCertificate(
                                    builder.build(
                                            new JcaContentSignerBuilder("SHA256withECDSA")
                                                    .build(issuer.privateKey())));
            return new Pki.Issued(cert, keys);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue test CA " + cn, e);
        }
    }

    /** The same certificate with the last byte of its signature changed. */
    static X509Certificate tampered(X509Certificate cert) {
        try {
            byte[] der = cert.getEncoded();
            der[der.length - 1] ^= 0x01;
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new IllegalStateException("cannot tamper with certificate", e);
        }
    }
}
