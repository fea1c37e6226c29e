package io.certgauge.chain;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/** Key identifiers (RFC 5280 sections 4.2.1.1 and 4.2.1.2), used to narrow issuer candidates. */
final class KeyIdentifiers {

    private KeyIdentifiers() {}

    /**
     * False only when both identifiers are present and differ. Identifiers are hints, not proof
     * (section 4.2.1.1): the signature decides, so a missing one never excludes a link.
     */
    static boolean mayHaveIssued(X509Certificate issuer, X509Certificate cert) {
        Optional<byte[]> aki = authorityKeyId(cert);
        Optional<byte[]> ski = subjectKeyId(issuer);
        return aki.isEmpty() || ski.isEmpty() || Arrays.equals(aki.get(), ski.get());
    }

    static Optional<byte[]> subjectKeyId(X509Certificate cert) {
        byte[] value = extensionOctets(cert, Extension.subjectKeyIdentifier.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SubjectKeyIdentifier.getInstance(value).getKeyIdentifier());
        } catch (RuntimeException e) {
            return Optional.empty(); // malformed: link by name and signature alone
        }
    }

    static Optional<byte[]> authorityKeyId(X509Certificate cert) {
        byte[] value = extensionOctets(cert, Extension.authorityKeyIdentifier.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(value);
            return Optional.ofNullable(aki.getKeyIdentifierOctets());
        } catch (RuntimeException e) {
            return Optional.empty(); // malformed: link by name and signature alone
        }
    }

    /** The DER value inside an extension's OCTET STRING wrapper, or null when absent. */
    static byte[] extensionOctets(X509Certificate cert, String oid) {
        byte[] wrapped = cert.getExtensionValue(oid);
        if (wrapped == null) {
            return null;
        }
        try {
            return ASN1OctetString.getInstance(wrapped).getOctets();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
