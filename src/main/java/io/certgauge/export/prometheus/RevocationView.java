package io.certgauge.export.prometheus;

import io.certgauge.result.AddressResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the collector reads revocation answers and OCSP staple dates for an address. The
 * result model carries no revocation data yet, so {@link #NONE} is used and the two revocation
 * families stay absent, as the contract asks for values never known. Implementations must be
 * thread-safe: they are called during scrapes.
 */
public interface RevocationView {

    /** Knows nothing: no revocation series are written. */
    // Limitation: until the revocation checks land, revocation_status and the staple's
    // nextUpdate are never written, even when the server stapled an OCSP response.
    RevocationView NONE = new RevocationView() {};

    /**
     * The answers checked for the address's last known leaf, one per source.
     *
     * @return empty when revocation was not checked
     */
    default List<Answer> answers(AddressResult address) {
        return List.of();
    }

    /** The stapled OCSP response's nextUpdate, when the server stapled one. */
    default Optional<Instant> stapleNextUpdate(AddressResult address) {
        return Optional.empty();
    }

    /**
     * One revocation answer.
     *
     * @param source {@code staple}, {@code ocsp} or {@code crl}
     * @param status {@code good}, {@code revoked} or {@code unknown}
     */
    record Answer(String source, String status) {}
}
