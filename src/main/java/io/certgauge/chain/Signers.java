package io.certgauge.chain;

import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** BouncyCastle verifier and digest plumbing shared by the OCSP and CRL checks. */
final class Signers {

    private Signers() {}

    static ContentVerifierProvider verifier(PublicKey key) throws OperatorCreationException {
        return new JcaContentVerifierProviderBuilder().build(key);
    }

    static ContentVerifierProvider verifier(X509CertificateHolder cert)
            throws OperatorCreationException {
        try {
            return new JcaContentVerifierProviderBuilder().build(cert);
        } catch (java.security.cert.CertificateException e) {
            throw new OperatorCreationException("unreadable certificate", e);
        }
    }

    static DigestCalculatorProvider digests() {
        try {
            return new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("the JDK offers no message digests", e);
        }
    }

    static X509CertificateHolder holder(X509Certificate cert) {
        try {
            return new JcaX509CertificateHolder(cert);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("unencodable certificate", e);
        }
    }
}
