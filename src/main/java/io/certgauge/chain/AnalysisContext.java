package io.certgauge.chain;

import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the Analyzer needs besides the chain.
 *
 * @param checkedName the name the leaf must be valid for, as written (for messages); an IP literal
 *     without brackets for IP targets
 * @param checkedNameAscii the same in A-label form (equal to {@code checkedName} for ASCII names
 *     and IP literals)
 * @param trust the trust anchors and known intermediates
 * @param protocol the TLS version the handshake negotiated ({@code TLSv1.3} …), or {@code null}
 *     when unknown (a chain read from a file)
 * @param ocspStaple the DER OCSP response the server stapled, or {@code null}
 * @param revocation whether OCSP and CRL may be consulted ({@code revocation: off} turns it off)
 * @param deadline when any fetch made for this analysis (OCSP, CRL, AIA) must have ended, or {@code
 *     null} for no fetch deadline of the probe's own
 * @param crls CRLs supplied with the chain, beside those fetched from distribution points; never
 *     null, empty for none. Those issued under the leaf's issuer name are read before any fetch,
 *     and even with {@code revocation} off, since reading them needs no network (see {@link
 *     RevocationChecker})
 */
public record AnalysisContext(
        String checkedName,
        String checkedNameAscii,
        TrustMaterial trust,
        String protocol,
        byte[] ocspStaple,
        boolean revocation,
        Instant deadline,
        List<X509CRL> crls) {

    public AnalysisContext {
        Objects.requireNonNull(checkedName, "checkedName");
        Objects.requireNonNull(checkedNameAscii, "checkedNameAscii");
        Objects.requireNonNull(trust, "trust");
        crls = crls == null ? List.of() : List.copyOf(crls);
    }

    /** A context with no CRLs supplied: revocation relies on the staple and on fetches. */
    public AnalysisContext(
            String checkedName,
            String checkedNameAscii,
            TrustMaterial trust,
            String protocol,
            byte[] ocspStaple,
            boolean revocation,
            Instant deadline) {
        this(
                checkedName,
                checkedNameAscii,
                trust,
                protocol,
                ocspStaple,
                revocation,
                deadline,
                List.of());
    }

    /** A context with no handshake facts, no staple, revocation off and no deadline. */
    public AnalysisContext(String checkedName, String checkedNameAscii, TrustMaterial trust) {
        this(checkedName, checkedNameAscii, trust, null, null, false, null, List.of());
    }

    /** This context with {@code crls} supplied in place of any supplied before. */
    public AnalysisContext withCrls(List<X509CRL> crls) {
        return new AnalysisContext(
                checkedName,
                checkedNameAscii,
                trust,
                protocol,
                ocspStaple,
                revocation,
                deadline,
                crls);
    }
}
