package io.certgauge.chain;

import io.certgauge.chain.RevocationAnswer.Source;
import io.certgauge.chain.RevocationAnswer.Status;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Judges a CRL (RFC 5280 section 5) about one certificate: issued and signed by the certificate's
 * issuer, whose key usage, when present, allows cRLSign; carrying a non-critical cRLNumber;
 * current, with the {@link OcspVerifier#SKEW} tolerance; then good unless the serial is listed. A
 * CRL that fails a check gives an unusable answer ({@link Status#UNKNOWN} with the reason). The
 * same checks apply to a fetched CRL and to one supplied with the chain. Immutable and thread-safe.
 */
// Limitation: full CRLs only: no delta CRLs, no indirect CRLs, and the issuing distribution
// point extension is not matched against the certificate's distribution point.
// Limitation: other critical CRL extensions (a delta CRL's deltaCRLIndicator, say) are not
// refused, although RFC 5280 section 5.2 says a CRL with one the reader cannot process must not
// be used.
final class CrlVerifier {

    /** RFC 5280 section 4.2.1.3: bit 6 of keyUsage is cRLSign. */
    private static final int CRL_SIGN = 6;

    private final Instant now;

    CrlVerifier(Instant now) {
        this.now = now;
    }

    /**
     * Judges a DER CRL about {@code cert}.
     *
     * @param url where the CRL was fetched from, or {@code null} for a CRL supplied with the chain
     */
    RevocationAnswer verify(byte[] der, X509Certificate cert, X509Certificate issuer, URI url) {
        X509CRLHolder crl;
        try {
            crl = new X509CRLHolder(der);
        } catch (IOException | RuntimeException e) {
            return RevocationAnswer.unusable(
                    Source.CRL, url, "not a readable CRL (" + e.getMessage() + ")");
        }
        Instant nextUpdate = instant(crl.getNextUpdate());
        Optional<String> problem =
                issuerProblem(crl, issuer).or(() -> numberProblem(crl)).or(() -> dateProblem(crl));
        if (problem.isPresent()) {
            return new RevocationAnswer(
                    Source.CRL, Status.UNKNOWN, url, null, null, nextUpdate, problem.get());
        }

        X509CRLEntryHolder entry = crl.getRevokedCertificate(cert.getSerialNumber());
        if (entry == null) {
            return new RevocationAnswer(
                    Source.CRL, Status.GOOD, url, null, null, nextUpdate, "not listed");
        }
        return new RevocationAnswer(
                Source.CRL,
                Status.REVOKED,
                url,
                entry.getRevocationDate().toInstant(),
                reason(entry),
                nextUpdate,
                "listed");
    }

    /** The nextUpdate of a CRL that gives a usable answer; empty otherwise. */
    Optional<Instant> usableUntil(byte[] der, X509Certificate cert, X509Certificate issuer) {
        RevocationAnswer answer = verify(der, cert, issuer, null);
        return answer.decisive() ? Optional.ofNullable(answer.nextUpdate()) : Optional.empty();
    }

    private static Optional<String> issuerProblem(X509CRLHolder crl, X509Certificate issuer) {
        X509CertificateHolder issuerHolder = Signers.holder(issuer);
        if (!crl.getIssuer().equals(issuerHolder.getSubject())) {
            return Optional.of(
                    "the CRL is issued by "
                            + crl.getIssuer()
                            + ", not by "
                            + Describe.name(issuer));
        }
        boolean[] usage = issuer.getKeyUsage();
        if (usage != null && (usage.length <= CRL_SIGN || !usage[CRL_SIGN])) {
            return Optional.of(
                    "the issuer "
                            + Describe.name(issuer)
                            + " may not sign CRLs: its key usage lacks cRLSign");
        }
        boolean signed;
        try {
            signed = crl.isSignatureValid(Signers.verifier(issuer.getPublicKey()));
        } catch (Exception e) {
            signed = false; // a key that cannot verify this signature did not make it
        }
        return signed
                ? Optional.empty()
                : Optional.of(
                        "the CRL's signature does not verify with the key of "
                                + Describe.name(issuer));
    }

    /**
     * RFC 5280 section 5.2.3: a conforming CRL issuer includes cRLNumber in every CRL and marks it
     * non-critical. A CRL without it, or with it critical, is not one a conforming CA made, so it
     * answers nothing (x509-limbo's crl::crlnumber-missing and crl::crlnumber-critical agree).
     */
    private static Optional<String> numberProblem(X509CRLHolder crl) {
        Extension number = crl.getExtension(Extension.cRLNumber);
        if (number == null) {
            return Optional.of(
                    "the CRL has no cRLNumber, which RFC 5280 section 5.2.3 requires of every"
                            + " CRL");
        }
        if (number.isCritical()) {
            return Optional.of(
                    "the CRL marks its cRLNumber critical, which RFC 5280 section 5.2.3"
                            + " forbids");
        }
        try {
            ASN1Integer.getInstance(number.getParsedValue());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("the CRL's cRLNumber is not an INTEGER (RFC 5280 section 5.2.3)");
        }
    }

    private Optional<String> dateProblem(X509CRLHolder crl) {
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(OcspVerifier.SKEW))) {
            return Optional.of(
                    "the CRL is not valid yet: thisUpdate "
                            + Describe.time(thisUpdate)
                            + " is in the future");
        }
        Instant nextUpdate = instant(crl.getNextUpdate());
        // RFC 5280 section 5.1.2.5: conforming CRLs carry nextUpdate; one without it is taken
        // as current, as the RFC leaves that to the relying party.
        if (nextUpdate != null && nextUpdate.isBefore(now.minus(OcspVerifier.SKEW))) {
            return Optional.of("the CRL expired: nextUpdate was " + Describe.time(nextUpdate));
        }
        return Optional.empty();
    }

    private static String reason(X509CRLEntryHolder entry) {
        Extension ext =
                entry.getExtensions() == null
                        ? null
                        : entry.getExtensions().getExtension(Extension.reasonCode);
        if (ext == null) {
            return null;
        }
        try {
            return RevocationReason.name(
                    CRLReason.getInstance(ext.getParsedValue()).getValue().intValue());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
