package io.certgauge.fetch;

import io.certgauge.chain.FetchException;
import io.certgauge.chain.Fetcher;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers repeated fetches from memory. An OCSP response or CRL is kept until the nextUpdate its
 * caller reads from it ({@link Fetcher.Expiry}), and only when the caller found it usable; AIA
 * certificates for {@link #AIA_TTL}. The key is the URL, plus a digest of the body for a POST (an
 * OCSP request names one certificate). Failures are not cached, so a responder that comes back is
 * asked again at the next probe.
 *
 * <p>Memory is bounded by {@link #MAX_BYTES}: past it, expired entries go first, then those that
 * expire soonest. Thread-safe: every method synchronizes on the cache, never while fetching.
 */
// Limitation: two analyses that miss the same URL at once both fetch it; the later answer wins.
public final class CachingFetcher implements Fetcher {

    /**
     * How long fetched issuer certificates are kept: a day, so a CA that replaces the file behind
     * its caIssuers URL is noticed within one, while a daemon probing thousands of targets under
     * the same intermediate asks once a day.
     */
    public static final Duration AIA_TTL = Duration.ofDays(1);

    /** Total bytes kept: room for a dozen of the largest CRLs. */
    static final long MAX_BYTES = 256L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(CachingFetcher.class);

    private record Entry(byte[] body, Instant validUntil) {}

    private final Fetcher delegate;
    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();
    private long bytes;

    /**
     * @param delegate where misses are fetched
     * @param clock the time entries expire against; the same clock the Analyzer judges nextUpdate
     *     with
     */
    public CachingFetcher(Fetcher delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public byte[] get(URI uri, Kind kind, Instant deadline, Expiry expiry) throws FetchException {
        String key = "GET " + uri;
        Optional<byte[]> cached = lookup(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        byte[] body = delegate.get(uri, kind, deadline, expiry);
        store(key, kind, body, expiry);
        return body.clone();
    }

    @Override
    public byte[] post(
            URI uri, Kind kind, String contentType, byte[] body, Instant deadline, Expiry expiry)
            throws FetchException {
        String key = "POST " + uri + " " + contentType + " " + sha256(body);
        Optional<byte[]> cached = lookup(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        byte[] answer = delegate.post(uri, kind, contentType, body, deadline, expiry);
        store(key, kind, answer, expiry);
        return answer.clone();
    }

    /** Entries held now, expired ones included until they are evicted. */
    synchronized int size() {
        return entries.size();
    }

    private synchronized Optional<byte[]> lookup(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.validUntil().isAfter(clock.instant())) {
            remove(key);
            return Optional.empty();
        }
        LOG.debug("cached until {}: {}", entry.validUntil(), key);
        return Optional.of(entry.body().clone());
    }

    private void store(String key, Kind kind, byte[] body, Expiry expiry) {
        Instant now = clock.instant();
        Instant until = kind == Kind.AIA ? now.plus(AIA_TTL) : expiry.validUntil(body).orElse(null);
        if (until == null || !until.isAfter(now) || body.length > MAX_BYTES) {
            return;
        }
        put(key, new Entry(body.clone(), until), now);
    }

    private synchronized void put(String key, Entry entry, Instant now) {
        remove(key);
        entries.put(key, entry);
        bytes += entry.body().length;
        if (bytes > MAX_BYTES) {
            entries.entrySet().removeIf(e -> !e.getValue().validUntil().isAfter(now));
            bytes = entries.values().stream().mapToLong(e -> e.body().length).sum();
        }
        while (bytes > MAX_BYTES) {
            String soonest =
                    entries.entrySet().stream()
                            .min(Comparator.comparing(e -> e.getValue().validUntil()))
                            .orElseThrow()
                            .getKey();
            remove(soonest);
        }
    }

    private void remove(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            bytes -= old.body().length;
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no SHA-256", e);
        }
    }
}
