package io.certgauge.chain;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One source's answer about the leaf's revocation status.
 *
 * @param source where the answer came from
 * @param status {@link Status#UNKNOWN} both when the source said "unknown" and when it gave no
 *     usable answer; {@code detail} says which
 * @param url the responder or CRL address; {@code null} for a staple and for a CRL supplied with
 *     the chain
 * @param revokedAt when the certificate was revoked, for {@link Status#REVOKED}; else null
 * @param reason the RFC 5280 section 5.3.1 reason name (such as {@code keyCompromise}) when one was
 *     given; else null
 * @param nextUpdate the answer's nextUpdate when it was read, usable or not; else null
 * @param detail a readable sentence: what the source said, or why its answer was not usable
 */
public record RevocationAnswer(
        Source source,
        Status status,
        URI url,
        Instant revokedAt,
        String reason,
        Instant nextUpdate,
        String detail) {

    public RevocationAnswer {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    /** Where an answer came from. */
    public enum Source {
        STAPLE,
        OCSP,
        CRL;

        /** As written in the {@code source} label: {@code staple}, {@code ocsp}, {@code crl}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the answer says. */
    public enum Status {
        GOOD,
        REVOKED,
        UNKNOWN;

        /** As written in the {@code status} label: {@code good}, {@code revoked}, ... */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The answer settles the question: good or revoked. */
    public boolean decisive() {
        return status != Status.UNKNOWN;
    }

    /** An answer that could not be used, with the reason. */
    static RevocationAnswer unusable(Source source, URI url, String why) {
        return new RevocationAnswer(source, Status.UNKNOWN, url, null, null, null, why);
    }

    /**
     * Names the source for messages: "the stapled OCSP response", "the CRL at URL", "the CRL
     * supplied with the chain".
     */
    String describeSource() {
        switch (source) {
            case STAPLE:
                return "the stapled OCSP response";
            case OCSP:
                return "the OCSP responder at " + url;
            default:
                return url == null ? "the CRL supplied with the chain" : "the CRL at " + url;
        }
    }
}
