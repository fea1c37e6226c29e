package io.certgauge.chain;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The addresses a certificate names for revocation and issuer data, and its TLS feature extension.
 * Unparsable extensions and unparsable URIs are skipped: a certificate with a broken extension
 * simply names nothing there. Static and thread-safe.
 */
final class CertificateUrls {

    /** RFC 7633 section 6: the status_request TLS extension's number in a TLS feature. */
    private static final int STATUS_REQUEST = 5;

    /** id-pe-tlsfeature, RFC 7633 section 4.1. */
    static final ASN1ObjectIdentifier TLS_FEATURE = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.24");

    private CertificateUrls() {}

    /** OCSP responders from the authorityInfoAccess extension (RFC 5280 section 4.2.2.1). */
    static List<URI> ocspResponders(X509Certificate cert) {
        return accessLocations(cert, AccessDescription.id_ad_ocsp);
    }

    /** Issuer certificate locations (caIssuers) from authorityInfoAccess. */
    static List<URI> caIssuers(X509Certificate cert) {
        return accessLocations(cert, AccessDescription.id_ad_caIssuers);
    }

    /**
     * Full-name URIs of the CRL distribution points (RFC 5280 section 4.2.1.13). Points named
     * relative to the issuer and LDAP URIs are kept as found; the fetcher refuses non-HTTP ones.
     */
    static List<URI> crlDistributionPoints(X509Certificate cert) {
        ASN1Primitive value = extension(cert, Extension.cRLDistributionPoints);
        List<URI> uris = new ArrayList<>();
        if (value == null) {
            return uris;
        }
        try {
            CRLDistPoint points = CRLDistPoint.getInstance(value);
            for (DistributionPoint point : points.getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    addUris(GeneralNames.getInstance(name.getName()).getNames(), uris);
                }
            }
        } catch (IllegalArgumentException e) {
            // A malformed extension names nothing usable.
        }
        return uris;
    }

    /**
     * The certificate asks for OCSP stapling: a TLS feature extension (RFC 7633, "OCSP
     * Must-Staple") that lists status_request.
     */
    static boolean mustStaple(X509Certificate cert) {
        ASN1Primitive value = extension(cert, TLS_FEATURE);
        if (!(value instanceof ASN1Sequence features)) {
            return false;
        }
        for (ASN1Encodable feature : features) {
            if (feature instanceof ASN1Integer number && number.hasValue(STATUS_REQUEST)) {
                return true;
            }
        }
        return false;
    }

    private static List<URI> accessLocations(X509Certificate cert, ASN1ObjectIdentifier method) {
        ASN1Primitive value = extension(cert, Extension.authorityInfoAccess);
        List<URI> uris = new ArrayList<>();
        if (value == null) {
            return uris;
        }
        try {
            List<GeneralName> names = new ArrayList<>();
            for (AccessDescription d :
                    AuthorityInformationAccess.getInstance(value).getAccessDescriptions()) {
                if (d.getAccessMethod().equals(method)) {
                    names.add(d.getAccessLocation());
                }
            }
            addUris(names.toArray(new GeneralName[0]), uris);
        } catch (IllegalArgumentException e) {
            // A malformed extension names nothing usable.
        }
        return uris;
    }

    private static void addUris(GeneralName[] names, List<URI> into) {
        for (GeneralName name : names) {
            if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
                continue;
            }
            String text = DERIA5String.getInstance(name.getName()).getString();
            try {
                into.add(new URI(text.trim()));
            } catch (URISyntaxException e) {
                // Skipped: an address that is not a URI cannot be fetched.
            }
        }
    }

    private static ASN1Primitive extension(X509Certificate cert, ASN1ObjectIdentifier oid) {
        byte[] raw = cert.getExtensionValue(oid.getId());
        if (raw == null) {
            return null;
        }
        try {
            return JcaX509ExtensionUtils.parseExtensionValue(raw);
        } catch (IOException e) {
            return null;
        }
    }
}
