package io.certgauge.chain;

import io.certgauge.chain.RevocationAnswer.Source;
import io.certgauge.chain.RevocationAnswer.Status;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Builds OCSP requests and judges OCSP responses (RFC 6960) for one certificate: the response must
 * be successful, signed by the certificate's issuer or by a responder the issuer delegated to (RFC
 * 6960 section 4.2.2.2), carry a single response for this certificate, echo the nonce when one was
 * sent and contains one, and be current: thisUpdate not after now and nextUpdate not before now,
 * each with {@link #SKEW} of tolerance for clocks that differ. A response that fails any of these
 * is not a usable answer; its {@link RevocationAnswer} says why. Immutable and thread-safe.
 */
final class OcspVerifier {

    /**
     * Tolerance for the responder's clock and ours. Five minutes, as common OCSP clients allow;
     * responses are valid for days, so this never hides a stale one for long.
     */
    static final Duration SKEW = Duration.ofMinutes(5);

    /** The request content type of RFC 6960 appendix A.1. */
    static final String REQUEST_TYPE = "application/ocsp-request";

    private final Instant now;

    OcspVerifier(Instant now) {
        this.now = now;
    }

    /**
     * A DER OCSP request for {@code cert}, with a SHA-1 CertID (the hash every responder supports,
     * RFC 5019 section 2.1.1).
     *
     * @param nonce the nonce to send, or {@code null} for none: responders that pre-sign their
     *     answers ignore nonces, and an answer without one can be cached until its nextUpdate
     */
    static byte[] request(X509Certificate cert, X509Certificate issuer, byte[] nonce) {
        try {
            OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(certId(cert, issuer));
            if (nonce != null) {
                builder.setRequestExtensions(
                        new Extensions(
                                new Extension(
                                        OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                                        false,
                                        wrapped(nonce))));
            }
            return builder.build().getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException("cannot build an OCSP request", e);
        }
    }

    /**
     * Judges a DER OCSP response about {@code cert}.
     *
     * @param nonce the nonce sent, or {@code null}
     */
    RevocationAnswer verify(
            byte[] der,
            X509Certificate cert,
            X509Certificate issuer,
            Source source,
            URI url,
            byte[] nonce) {
        try {
            return judge(der, cert, issuer, source, url, nonce);
        } catch (IOException | OCSPException | IllegalArgumentException | ClassCastException e) {
            return RevocationAnswer.unusable(
                    source, url, "not a readable OCSP response (" + e.getMessage() + ")");
        }
    }

    /** The nextUpdate of a response that gives a decisive answer; empty otherwise. */
    Optional<Instant> usableUntil(byte[] der, X509Certificate cert, X509Certificate issuer) {
        RevocationAnswer answer = verify(der, cert, issuer, Source.OCSP, null, null);
        return answer.decisive() ? Optional.ofNullable(answer.nextUpdate()) : Optional.empty();
    }

    private RevocationAnswer judge(
            byte[] der,
            X509Certificate cert,
            X509Certificate issuer,
            Source source,
            URI url,
            byte[] nonce)
            throws IOException, OCSPException {
        OCSPResp response = new OCSPResp(der);
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            return RevocationAnswer.unusable(
                    source, url, "the responder answered " + responseStatus(response.getStatus()));
        }
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        if (basic == null) {
            return RevocationAnswer.unusable(source, url, "the OCSP response is empty");
        }
        Optional<SingleResp> single = singleFor(basic, cert, issuer);
        if (single.isEmpty()) {
            return RevocationAnswer.unusable(
                    source, url, "the OCSP response says nothing about serial " + serial(cert));
        }
        Instant nextUpdate = instant(single.get().getNextUpdate());

        Optional<String> problem =
                signerProblem(basic, issuer)
                        .or(() -> nonceProblem(basic, nonce))
                        .or(() -> dateProblem(single.get()));
        if (problem.isPresent()) {
            return new RevocationAnswer(
                    source, Status.UNKNOWN, url, null, null, nextUpdate, problem.get());
        }
        return answer(single.get(), source, url, nextUpdate);
    }

    private static RevocationAnswer answer(
            SingleResp single, Source source, URI url, Instant nextUpdate) {
        CertificateStatus status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
            return new RevocationAnswer(source, Status.GOOD, url, null, null, nextUpdate, "good");
        }
        if (status instanceof RevokedStatus revoked) {
            String reason =
                    revoked.hasRevocationReason()
                            ? RevocationReason.name(revoked.getRevocationReason())
                            : null;
            return new RevocationAnswer(
                    source,
                    Status.REVOKED,
                    url,
                    revoked.getRevocationTime().toInstant(),
                    reason,
                    nextUpdate,
                    "revoked");
        }
        String why =
                status instanceof UnknownStatus
                        ? "the responder does not know this certificate"
                        : "the responder gave no status";
        return new RevocationAnswer(source, Status.UNKNOWN, url, null, null, nextUpdate, why);
    }

    private static Optional<SingleResp> singleFor(
            BasicOCSPResp basic, X509Certificate cert, X509Certificate issuer)
            throws OCSPException {
        X509CertificateHolder issuerHolder = Signers.holder(issuer);
        for (SingleResp single : basic.getResponses()) {
            CertificateID id = single.getCertID();
            if (id.getSerialNumber().equals(cert.getSerialNumber())
                    && id.matchesIssuer(issuerHolder, Signers.digests())) {
                return Optional.of(single);
            }
        }
        return Optional.empty();
    }

    /**
     * RFC 6960 section 4.2.2.2: the issuer signs, or a certificate in the response that the issuer
     * signed and that carries id-kp-OCSPSigning (and is valid now) does.
     */
    private Optional<String> signerProblem(BasicOCSPResp basic, X509Certificate issuer) {
        if (signedBy(basic, Signers.holder(issuer))) {
            return Optional.empty();
        }
        for (X509CertificateHolder candidate : basic.getCerts()) {
            if (delegatedBy(candidate, issuer) && signedBy(basic, candidate)) {
                return Optional.empty();
            }
        }
        return Optional.of(
                "the OCSP response is not signed by the issuer "
                        + Describe.name(issuer)
                        + " nor by a responder it delegated to"
                        + " (RFC 6960 section 4.2.2.2)");
    }

    private boolean delegatedBy(X509CertificateHolder candidate, X509Certificate issuer) {
        X509CertificateHolder issuerHolder = Signers.holder(issuer);
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(candidate.getExtensions());
        return candidate.getIssuer().equals(issuerHolder.getSubject())
                && eku != null
                && eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)
                && candidate.isValidOn(Date.from(now))
                && certificateSignedBy(candidate, issuerHolder);
    }

    private static boolean certificateSignedBy(
            X509CertificateHolder cert, X509CertificateHolder issuer) {
        try {
            return cert.isSignatureValid(Signers.verifier(issuer));
        } catch (Exception e) {
            return false; // a key that cannot verify this signature did not make it
        }
    }

    private static boolean signedBy(BasicOCSPResp basic, X509CertificateHolder signer) {
        try {
            return basic.isSignatureValid(Signers.verifier(signer));
        } catch (OCSPException | OperatorCreationException | RuntimeException e) {
            return false; // a key that cannot verify this signature did not make it
        }
    }

    /** RFC 8954: a responder may ignore the nonce, but one it returns must be ours. */
    private static Optional<String> nonceProblem(BasicOCSPResp basic, byte[] nonce) {
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce == null || echoed == null) {
            return Optional.empty();
        }
        // RFC 8954 section 2.1 wraps the nonce in an OCTET STRING; some responders echo it
        // bare, which is as good a proof of freshness.
        byte[] value = echoed.getExtnValue().getOctets();
        boolean matches = Arrays.equals(value, wrapped(nonce)) || Arrays.equals(value, nonce);
        return matches
                ? Optional.empty()
                : Optional.of("the OCSP response carries a nonce other than the one sent");
    }

    private Optional<String> dateProblem(SingleResp single) {
        Instant thisUpdate = single.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(SKEW))) {
            return Optional.of(
                    "the OCSP response is not valid yet: thisUpdate "
                            + Describe.time(thisUpdate)
                            + " is in the future");
        }
        Instant nextUpdate = instant(single.getNextUpdate());
        if (nextUpdate != null && nextUpdate.isBefore(now.minus(SKEW))) {
            return Optional.of(
                    "the OCSP response expired: nextUpdate was " + Describe.time(nextUpdate));
        }
        return Optional.empty();
    }

    private static CertificateID certId(X509Certificate cert, X509Certificate issuer)
            throws OCSPException {
        try {
            return new CertificateID(
                    Signers.digests().get(CertificateID.HASH_SHA1),
                    Signers.holder(issuer),
                    cert.getSerialNumber());
        } catch (OperatorCreationException e) {
            throw new OCSPException("no SHA-1 digest", e);
        }
    }

    private static String responseStatus(int status) {
        switch (status) {
            case OCSPResp.MALFORMED_REQUEST:
                return "malformedRequest";
            case OCSPResp.INTERNAL_ERROR:
                return "internalError";
            case OCSPResp.TRY_LATER:
                return "tryLater";
            case OCSPResp.SIG_REQUIRED:
                return "sigRequired";
            case OCSPResp.UNAUTHORIZED:
                return "unauthorized";
            default:
                return "status " + status;
        }
    }

    private static byte[] wrapped(byte[] nonce) {
        try {
            return new DEROctetString(nonce).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a nonce", e);
        }
    }

    static String serial(X509Certificate cert) {
        BigInteger serial = cert.getSerialNumber();
        return serial.toString(16);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
