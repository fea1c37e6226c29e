package io.certgauge.export.prometheus;

import io.certgauge.chain.ChainReport;
import io.certgauge.result.AddressResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the collector reads revocation answers and OCSP staple dates for an address. {@link
 * #FROM_REPORT}, the default, reads them from the address's last known {@link ChainReport}; where
 * nothing was checked the two revocation families stay absent, as the contract asks for values
 * never known. Implementations must be thread-safe: they are called during scrapes.
 */
public interface RevocationView {

    /** Knows nothing: no revocation series are written. */
    RevocationView NONE = new RevocationView() {};

    /** The answers and staple date the Analyzer put in the address's last known report. */
    RevocationView FROM_REPORT =
            new RevocationView() {
                @Override
                public List<Answer> answers(AddressResult address) {
                    return address.chain()
                            .map(
                                    report ->
                                            report.revocation().stream()
                                                    .map(
                                                            a ->
                                                                    new Answer(
                                                                            a.source().label(),
                                                                            a.status().label()))
                                                    .collect(Collectors.toList()))
                            .orElse(List.of());
                }

                @Override
                public Optional<Instant> stapleNextUpdate(AddressResult address) {
                    return address.chain().map(ChainReport::stapleNextUpdate);
                }
            };

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
