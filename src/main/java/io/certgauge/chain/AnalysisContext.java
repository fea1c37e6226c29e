package io.certgauge.chain;

import java.util.Objects;

/**
 * What the Analyzer needs besides the chain.
 *
 * @param checkedName the name the leaf must be valid for, as written (for messages); an IP
 *     literal without brackets for IP targets
 * @param checkedNameAscii the same in A-label form (equal to {@code checkedName} for ASCII names
 *     and IP literals)
 * @param trust the trust anchors and known intermediates
 */
public record AnalysisContext(String checkedName, String checkedNameAscii, TrustMaterial trust) {

    public AnalysisContext {
        Objects.requireNonNull(checkedName, "checkedName");
        Objects.requireNonNull(checkedNameAscii, "checkedNameAscii");
        Objects.requireNonNull(trust, "trust");
    }
}
