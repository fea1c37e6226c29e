package io.certgauge.chain;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares the leaves that the addresses of one name serve: the classic failure is one
 * load-balancer member still serving the old certificate. Stateless and thread-safe.
 */
public final class AddressConsistency {

    /** Fingerprint characters shown in messages: enough to tell leaves apart at a glance. */
    private static final int FINGERPRINT_SHOWN = 16;

    private AddressConsistency() {}

    /**
     * An {@code inconsistent_addresses} finding when the addresses serve more than one distinct
     * leaf (compared by SHA-256 fingerprint), naming which addresses serve which serial and
     * fingerprint; empty when they all serve the same leaf or there are fewer than two.
     *
     * @param leafByAddress each probed address (as text) and the leaf it served
     */
    public static Optional<Finding> check(Map<String, X509Certificate> leafByAddress) {
        Objects.requireNonNull(leafByAddress, "leafByAddress");
        Map<String, List<String>> addressesByFingerprint = new LinkedHashMap<>();
        Map<String, X509Certificate> leafByFingerprint = new LinkedHashMap<>();
        for (Map.Entry<String, X509Certificate> e : new TreeMap<>(leafByAddress).entrySet()) {
            String fingerprint = CertificateFacts.fingerprintSha256(e.getValue());
            addressesByFingerprint
                    .computeIfAbsent(fingerprint, k -> new ArrayList<>())
                    .add(e.getKey());
            leafByFingerprint.putIfAbsent(fingerprint, e.getValue());
        }
        if (addressesByFingerprint.size() < 2) {
            return Optional.empty();
        }

        List<String> parts = new ArrayList<>();
        addressesByFingerprint.forEach(
                (fingerprint, addresses) -> {
                    X509Certificate leaf = leafByFingerprint.get(fingerprint);
                    parts.add(
                            String.join(", ", addresses)
                                    + (addresses.size() == 1 ? " serves" : " serve")
                                    + " serial "
                                    + leaf.getSerialNumber().toString(16)
                                    + " (sha256 "
                                    + fingerprint.substring(0, FINGERPRINT_SHOWN)
                                    + "...)");
                });
        return Optional.of(
                new Finding(
                        FindingCode.INCONSISTENT_ADDRESSES,
                        addressesByFingerprint.size()
                                + " different leaf certificates: "
                                + String.join("; ", parts)));
    }
}
