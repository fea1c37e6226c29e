package io.certgauge.chain;

import io.certgauge.demo.Pki;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Test material for revocation and AIA: leaves that name OCSP responders, caIssuers and CRL
 * distribution points (and may demand stapling), delegated OCSP responders, and OCSP responses,
 * CRLs and PKCS#7 bundles signed in the test.
 */
final class RevocationPki {

    private static final AtomicLong SERIALS = new AtomicLong(0x7000);
    private static final AtomicLong CRL_NUMBERS = new AtomicLong();

    private RevocationPki() {}

    /** What a leaf names besides its host name. */
    static final class LeafSpec {
        private final List<String> ocsp = new ArrayList<>();
        private final List<String> caIssuers = new ArrayList<>();
        private final List<String> crl = new ArrayList<>();
        private boolean mustStaple;

        LeafSpec ocsp(String url) {
            ocsp.add(url);
            return this;
        }

        LeafSpec caIssuers(String url) {
            caIssuers.add(url);
            return this;
        }

        LeafSpec crl(String url) {
            crl.add(url);
            return this;
        }

        LeafSpec mustStaple() {
            mustStaple = true;
            return this;
        }
    }

    static LeafSpec names() {
        return new LeafSpec();
    }

    /** A server leaf for {@code dns}, valid from {@code notBefore} for 90 days. */
    static Pki.Issued leaf(String dns, Pki.Issued issuer, Instant notBefore, LeafSpec spec) {
        try {
            KeyPair keys = Pki.generateKeyPair("EC", 256);
            X509v3CertificateBuilder builder =
                    builder(issuer, "CN=" + dns, keys, notBefore, Duration.ofDays(90));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage,
                    false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dns)));
            List<AccessDescription> access = new ArrayList<>();
            spec.ocsp.forEach(u -> access.add(access(AccessDescription.id_ad_ocsp, u)));
            spec.caIssuers.forEach(u -> access.add(access(AccessDescription.id_ad_caIssuers, u)));
            if (!access.isEmpty()) {
                builder.addExtension(
                        Extension.authorityInfoAccess,
                        false,
                        new AuthorityInformationAccess(access.toArray(new AccessDescription[0])));
            }
            if (!spec.crl.isEmpty()) {
                DistributionPoint[] points =
                        spec.crl.stream()
                                .map(
                                        u ->
                                                new DistributionPoint(
                                                        new DistributionPointName(
                                                                new GeneralNames(uri(u))),
                                                        null,
                                                        null))
                                .toArray(DistributionPoint[]::new);
                builder.addExtension(
                        Extension.cRLDistributionPoints, false, new CRLDistPoint(points));
            }
            if (spec.mustStaple) {
                builder.addExtension(
                        CertificateUrls.TLS_FEATURE, false, new DERSequence(new ASN1Integer(5)));
            }
            return new Pki.Issued(sign(builder, issuer), keys);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue leaf " + dns, e);
        }
    }

    /** A delegated OCSP responder certificate issued by {@code issuer}. */
    static Pki.Issued responder(String cn, Pki.Issued issuer, Instant notBefore, boolean eku) {
        try {
            KeyPair keys = Pki.generateKeyPair("EC", 256);
            X509v3CertificateBuilder builder =
                    builder(issuer, "CN=" + cn, keys, notBefore, Duration.ofDays(30));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            if (eku) {
                builder.addExtension(
                        Extension.extendedKeyUsage,
                        false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
            }
            return new Pki.Issued(sign(builder, issuer), keys);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue responder " + cn, e);
        }
    }

    /** Describes one OCSP response about {@code cert}. */
    static final class Ocsp {
        private final X509Certificate cert;
        private final Pki.Issued issuer;
        private Pki.Issued signer;
        private CertificateStatus status = CertificateStatus.GOOD;
        private Instant thisUpdate;
        private Instant nextUpdate;
        private byte[] nonce;
        private boolean includeSigner;

        private Ocsp(X509Certificate cert, Pki.Issued issuer, Instant now) {
            this.cert = cert;
            this.issuer = issuer;
            this.signer = issuer;
            this.thisUpdate = now.minus(Duration.ofHours(1));
            this.nextUpdate = now.plus(Duration.ofDays(3));
        }

        Ocsp revoked(Instant at, int reason) {
            status = new RevokedStatus(Date.from(at), reason);
            return this;
        }

        Ocsp unknown() {
            status = new UnknownStatus();
            return this;
        }

        Ocsp signedBy(Pki.Issued signer, boolean includeCertificate) {
            this.signer = signer;
            this.includeSigner = includeCertificate;
            return this;
        }

        Ocsp between(Instant thisUpdate, Instant nextUpdate) {
            this.thisUpdate = thisUpdate;
            this.nextUpdate = nextUpdate;
            return this;
        }

        Ocsp nonce(byte[] nonce) {
            this.nonce = nonce;
            return this;
        }

        byte[] encode() {
            try {
                CertificateID id =
                        new CertificateID(
                                new JcaDigestCalculatorProviderBuilder()
                                        .build()
                                        .get(CertificateID.HASH_SHA1),
                                new JcaX509CertificateHolder(issuer.certificate()),
                                cert.getSerialNumber());
                BasicOCSPRespBuilder builder =
                        new BasicOCSPRespBuilder(
                                new RespID(
                                        X500Name.getInstance(
                                                signer.certificate()
                                                        .getSubjectX500Principal()
                                                        .getEncoded())));
                builder.addResponse(
                        id,
                        status,
                        Date.from(thisUpdate),
                        nextUpdate == null ? null : Date.from(nextUpdate),
                        (Extensions) null);
                if (nonce != null) {
                    builder.setResponseExtensions(
                            new Extensions(
                                    new Extension(
                                            OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                                            false,
                                            new DEROctetString(nonce).getEncoded())));
                }
                X509CertificateHolder[] chain =
                        includeSigner
                                ? new X509CertificateHolder[] {
                                    new JcaX509CertificateHolder(signer.certificate())
                                }
                                : null;
                return new OCSPRespBuilder()
                        .build(
                                OCSPRespBuilder.SUCCESSFUL,
                                builder.build(signer(signer), chain, Date.from(thisUpdate)))
                        .getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException("cannot make an OCSP response", e);
            }
        }
    }

    /** A good response signed by the issuer, thisUpdate an hour before now, valid 3 days. */
    static Ocsp ocsp(Pki.Issued leaf, Pki.Issued issuer, Instant now) {
        return new Ocsp(leaf.certificate(), issuer, now);
    }

    /** An OCSP response with an error status and no body, such as tryLater. */
    static byte[] ocspError(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A revoked entry of a CRL. */
    record Revoked(BigInteger serial, Instant at, int reason) {}

    /** How a CRL carries its cRLNumber (RFC 5280 section 5.2.3). */
    enum CrlNumber {
        /** As a conforming CRL issuer writes it. */
        NON_CRITICAL,
        CRITICAL,
        MISSING
    }

    /** A conforming CRL by {@code signer}, with a non-critical cRLNumber and the given entries. */
    static byte[] crl(
            Pki.Issued signer, Instant thisUpdate, Instant nextUpdate, Revoked... revoked) {
        return crl(signer, CrlNumber.NON_CRITICAL, thisUpdate, nextUpdate, revoked);
    }

    /** A CRL by {@code signer}, its cRLNumber written as {@code number} says. */
    static byte[] crl(
            Pki.Issued signer,
            CrlNumber number,
            Instant thisUpdate,
            Instant nextUpdate,
            Revoked... revoked) {
        try {
            X509v2CRLBuilder builder =
                    new X509v2CRLBuilder(
                            X500Name.getInstance(
                                    signer.certificate().getSubjectX500Principal().getEncoded()),
                            Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (Revoked r : revoked) {
                builder.addCRLEntry(r.serial(), Date.from(r.at()), r.reason());
            }
            if (number != CrlNumber.MISSING) {
                builder.addExtension(
                        Extension.cRLNumber,
                        number == CrlNumber.CRITICAL,
                        new CRLNumber(BigInteger.valueOf(CRL_NUMBERS.incrementAndGet())));
            }
            return builder.build(signer(signer)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a CRL", e);
        }
    }

    /** A PKCS#7 "certs-only" bundle (a SignedData with no signers and no content). */
    static byte[] pkcs7(X509Certificate... certs) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            List<X509CertificateHolder> holders = new ArrayList<>();
            for (X509Certificate c : certs) {
                holders.add(new JcaX509CertificateHolder(c));
            }
            generator.addCertificates(new org.bouncycastle.cert.jcajce.JcaCertStore(holders));
            return generator.generate(new CMSProcessableByteArray(new byte[0]), false).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a PKCS#7 bundle", e);
        }
    }

    private static X509v3CertificateBuilder builder(
            Pki.Issued issuer, String subject, KeyPair keys, Instant notBefore, Duration validity)
            throws Exception {
        X509v3CertificateBuilder builder =
                new JcaX509v3CertificateBuilder(
                        X500Name.getInstance(
                                issuer.certificate().getSubjectX500Principal().getEncoded()),
                        BigInteger.valueOf(SERIALS.incrementAndGet()),
                        Date.from(notBefore),
                        Date.from(notBefore.plus(validity)),
                        new X500Name(subject),
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
        return builder;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, Pki.Issued issuer)
            throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuer)));
    }

    private static ContentSigner signer(Pki.Issued signer) throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(signer.privateKey());
    }

    private static AccessDescription access(
            org.bouncycastle.asn1.ASN1ObjectIdentifier method, String url) {
        return new AccessDescription(method, uri(url));
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }
}
