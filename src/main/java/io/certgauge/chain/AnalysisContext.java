package io.certgauge.chain;

import java.time.Instant;
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
 */
public record AnalysisContext(
        String checkedName,
        String checkedNameAscii,
        TrustMaterial trust,
        String protocol,
        byte[] ocspStaple,
        boolean revocation,
        Instant deadline) {

    public AnalysisContext {
        Objects.requireNonNull(checkedName, "checkedName");
        Objects.requireNonNull(checkedNameAscii, "checkedNameAscii");
        Objects.requireNonNull(trust, "trust");
    }

    /** A context with no handshake facts, no staple, revocation off and no deadline. */
    public AnalysisContext(String checkedName, String checkedNameAscii, TrustMaterial trust) {
        this(checkedName, checkedNameAscii, trust, null, null, false, null);
    }
}
