package io.certgauge.demo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes certificates with BouncyCastle, for the demo and for tests: roots, intermediates and leaves
 * with chosen dates, names and extensions. Keys are EC P-256 unless asked otherwise; one key pair
 * per {@link Issued} so a certificate can be re-issued under the same key (a cross-sign).
 *
 * <pre>{@code
 * Pki.Issued root = Pki.root("Test Root").validFrom(t0).validFor(days(3650)).issue();
 * Pki.Issued leaf = Pki.leaf("www.example.test").issuedBy(root).issue();
 * }</pre>
 */
public final class Pki {

    private static final AtomicLong SERIALS = new AtomicLong(0x1000);

    private Pki() {}

    /** A certificate with its private key. */
    public record Issued(X509Certificate certificate, KeyPair keyPair) {
        public PrivateKey privateKey() {
            return keyPair.getPrivate();
        }
    }

    public static Builder root(String cn) {
        return new Builder(cn).ca(true);
    }

    public static Builder intermediate(String cn, Issued issuer) {
        return new Builder(cn).ca(true).issuedBy(issuer);
    }

    /** A server leaf with {@code dnsName} as CN and as its only SAN unless changed. */
    public static Builder leaf(String dnsName) {
        return new Builder(dnsName).dnsNames(dnsName);
    }

    public static Duration days(long days) {
        return Duration.ofDays(days);
    }

    /** Fluent description of one certificate. */
    public static final class Builder {
        private String subject;
        private Issued issuer;
        private boolean ca;
        private Integer pathLen;
        private Instant notBefore = Instant.parse("2026-01-01T00:00:00Z");
        private Duration validity = Duration.ofDays(90);
        private final List<GeneralName> sans = new ArrayList<>();
        private boolean noSan;
        private KeyPair keyPair;
        private String keyAlgorithm = "EC";
        private int keyBits = 256;
        private String signatureAlgorithm;
        private boolean serverAuthEku = true;
        private BigInteger serial;

        private Builder(String cn) {
            this.subject = "CN=" + cn;
        }

        /** A full X.500 subject such as {@code CN=a,O=b}, replacing the default CN. */
        public Builder subject(String x500) {
            this.subject = x500;
            return this;
        }

        public Builder issuedBy(Issued issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder ca(boolean ca) {
            this.ca = ca;
            return this;
        }

        public Builder pathLength(int pathLen) {
            this.pathLen = pathLen;
            return this;
        }

        public Builder validFrom(Instant notBefore) {
            this.notBefore = notBefore;
            return this;
        }

        public Builder validFor(Duration validity) {
            this.validity = validity;
            return this;
        }

        /** Valid from {@code notBefore} to {@code notAfter}. */
        public Builder validBetween(Instant notBefore, Instant notAfter) {
            this.notBefore = notBefore;
            this.validity = Duration.between(notBefore, notAfter);
            return this;
        }

        /** Replaces the SAN DNS names. */
        public Builder dnsNames(String... names) {
            sans.removeIf(n -> n.getTagNo() == GeneralName.dNSName);
            for (String n : names) {
                sans.add(new GeneralName(GeneralName.dNSName, n));
            }
            return this;
        }

        public Builder ipAddresses(String... ips) {
            for (String ip : ips) {
                sans.add(new GeneralName(GeneralName.iPAddress, ip));
            }
            return this;
        }

        /** No subjectAltName extension at all (a CN-only certificate). */
        public Builder noSubjectAltName() {
            this.noSan = true;
            return this;
        }

        /** Reuse a key pair, for a re-issued or cross-signed certificate. */
        public Builder keyPair(KeyPair keyPair) {
            this.keyPair = keyPair;
            return this;
        }

        /** {@code RSA} with a modulus size, or {@code EC} with 256/384/521. */
        public Builder key(String algorithm, int bits) {
            this.keyAlgorithm = algorithm;
            this.keyBits = bits;
            return this;
        }

        /** A JCA signature name such as {@code SHA1withRSA}; default fits the issuer's key. */
        public Builder signatureAlgorithm(String name) {
            this.signatureAlgorithm = name;
            return this;
        }

        public Builder serverAuthEku(boolean present) {
            this.serverAuthEku = present;
            return this;
        }

        public Builder serial(BigInteger serial) {
            this.serial = serial;
            return this;
        }

        public Issued issue() {
            try {
                KeyPair keys = keyPair != null ? keyPair : generateKeyPair(keyAlgorithm, keyBits);
                KeyPair signerKeys = issuer != null ? issuer.keyPair() : keys;
                X500Name issuerName =
                        issuer != null
                                ? X500Name.getInstance(
                                        issuer.certificate().getSubjectX500Principal().getEncoded())
                                : new X500Name(subject);
                BigInteger sn =
                        serial != null ? serial : BigInteger.valueOf(SERIALS.incrementAndGet());
                X509v3CertificateBuilder builder =
                        new JcaX509v3CertificateBuilder(
                                issuerName,
                                sn,
                                Date.from(notBefore),
                                Date.from(notBefore.plus(validity)),
                                new X500Name(subject),
                                keys.getPublic());
                addExtensions(builder, keys, signerKeys);
                X509Certificate cert =
                        new JcaX509CertificateConverter()
                                .getCertificate(builder.build(signer(signerKeys.getPrivate())));
                return new Issued(cert, keys);
            } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
                throw new IllegalStateException("cannot issue certificate " + subject, e);
            }
        }

        private void addExtensions(X509v3CertificateBuilder builder, KeyPair keys, KeyPair signer)
                throws IOException, GeneralSecurityException {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    utils.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    utils.createAuthorityKeyIdentifier(signer.getPublic()));
            if (ca) {
                BasicConstraints bc =
                        pathLen != null
                                ? new BasicConstraints(pathLen)
                                : new BasicConstraints(true);
                builder.addExtension(Extension.basicConstraints, true, bc);
                builder.addExtension(
                        Extension.keyUsage,
                        true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(
                        Extension.keyUsage,
                        true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                if (serverAuthEku) {
                    builder.addExtension(
                            Extension.extendedKeyUsage,
                            false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                }
                if (!noSan && !sans.isEmpty()) {
                    builder.addExtension(
                            Extension.subjectAlternativeName,
                            false,
                            new GeneralNames(sans.toArray(new GeneralName[0])));
                }
            }
        }

        private ContentSigner signer(PrivateKey key) throws OperatorCreationException {
            String algorithm = signatureAlgorithm;
            if (algorithm == null) {
                algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            }
            return new JcaContentSignerBuilder(algorithm).build(key);
        }
    }

    public static KeyPair generateKeyPair(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp" + bits + "r1"));
            } else {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + algorithm + " key", e);
        }
    }

    /** PEM text of certificates, in order. */
    public static String pem(X509Certificate... certs) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate cert : certs) {
                writer.writeObject(cert);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** PEM text of a private key (PKCS#8 for EC and RSA, as nginx and openssl read it). */
    public static String pem(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static Path writePem(Path file, X509Certificate... certs) {
        try {
            return Files.writeString(file, pem(certs), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
