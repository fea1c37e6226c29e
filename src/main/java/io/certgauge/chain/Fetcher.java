package io.certgauge.chain;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * The Analyzer's only way out to the network: fetches OCSP responses, CRLs and AIA issuer
 * certificates. Implementations refuse every scheme but {@code http} and {@code https}, stop at the
 * deadline and at the {@link Kind}'s size cap, and may answer from a cache. Implementations must be
 * thread-safe: analyses run concurrently.
 */
public interface Fetcher {

    /** A fetcher that fetches nothing: every call fails with a {@link FetchException}. */
    Fetcher NONE =
            new Fetcher() {
                @Override
                public byte[] get(URI uri, Kind kind, Instant deadline, Expiry expiry)
                        throws FetchException {
                    throw new FetchException("not fetched: no fetcher configured");
                }

                @Override
                public byte[] post(
                        URI uri,
                        Kind kind,
                        String contentType,
                        byte[] body,
                        Instant deadline,
                        Expiry expiry)
                        throws FetchException {
                    throw new FetchException("not fetched: no fetcher configured");
                }
            };

    /** What is fetched, which sets the size cap of the answer. */
    enum Kind {
        /** An OCSP response: 1 MiB. */
        OCSP(1L << 20),
        /** A CRL: 20 MiB (large CAs publish CRLs of several MiB). */
        CRL(20L << 20),
        /** Issuer certificates named by caIssuers, DER or PKCS#7: 1 MiB. */
        AIA(1L << 20);

        private final long maxBytes;

        Kind(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        /** The largest answer accepted, in bytes. */
        public long maxBytes() {
            return maxBytes;
        }
    }

    /**
     * Until when an answer may be served from a cache. OCSP and CRL callers return the answer's
     * nextUpdate when the answer is usable, and empty otherwise (not cached); for {@link Kind#AIA}
     * the cache keeps answers for a fixed time of its own and this is not consulted.
     */
    @FunctionalInterface
    interface Expiry {
        /** Never cached. */
        Expiry NEVER = body -> Optional.empty();

        Optional<Instant> validUntil(byte[] body);
    }

    /**
     * GETs {@code uri}.
     *
     * @param deadline when the fetch must have ended; {@code null} for the fetcher's default
     * @return the body of a 200 answer
     * @throws FetchException with a readable reason that does not repeat the URI (callers name it):
     *     refused scheme, connection refused, HTTP status, size cap, deadline
     */
    byte[] get(URI uri, Kind kind, Instant deadline, Expiry expiry) throws FetchException;

    /** POSTs {@code body} to {@code uri}; otherwise as {@link #get}. */
    byte[] post(
            URI uri, Kind kind, String contentType, byte[] body, Instant deadline, Expiry expiry)
            throws FetchException;
}
