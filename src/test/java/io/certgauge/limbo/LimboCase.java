package io.certgauge.limbo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One x509-limbo testcase, bound from {@code limbo.json.gz} (the fields the harness uses; the
 * schema's descriptive fields such as {@code importance} are ignored).
 *
 * @param validationTime an RFC 3339 time, or {@code null} for now
 * @param expectedPeerName the name the peer must be valid for, or {@code null} for none
 * @param maxChainDepth the most intermediates a path may have, or {@code null} for no limit
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
record LimboCase(
        String id,
        String description,
        List<String> features,
        String validationKind,
        List<String> trustedCerts,
        List<String> untrustedIntermediates,
        String peerCertificate,
        String validationTime,
        String expectedResult,
        PeerName expectedPeerName,
        Integer maxChainDepth,
        List<String> keyUsage,
        List<String> extendedKeyUsage,
        List<String> crls) {

    /** A peer name: {@code kind} is {@code DNS}, {@code IP} or {@code RFC822}. */
    record PeerName(String kind, String value) {}

    LimboCase {
        features = nullToEmpty(features);
        trustedCerts = nullToEmpty(trustedCerts);
        untrustedIntermediates = nullToEmpty(untrustedIntermediates);
        keyUsage = nullToEmpty(keyUsage);
        extendedKeyUsage = nullToEmpty(extendedKeyUsage);
        crls = nullToEmpty(crls);
    }

    boolean server() {
        return "SERVER".equals(validationKind);
    }

    boolean expectsSuccess() {
        return "SUCCESS".equals(expectedResult);
    }

    /**
     * The family the report groups by: {@code bettertls::nameconstraints} and {@code
     * bettertls::pathbuilding} for the BetterTLS cases, else the id's first segment ({@code
     * rfc5280}, {@code webpki}, {@code pathlen} …).
     */
    String family() {
        String[] parts = id.split("::");
        if (parts[0].equals("bettertls") && parts.length > 1) {
            return parts[0] + "::" + parts[1];
        }
        return parts[0];
    }

    /** x509-limbo's own cases, as opposed to those exported from BetterTLS. */
    boolean limboOwn() {
        return !id.startsWith("bettertls::");
    }

    private static List<String> nullToEmpty(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
