package io.certgauge.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certgauge.chain.FetchException;
import io.certgauge.chain.Fetcher;
import io.certgauge.chain.Fetcher.Kind;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cache in front of a counting fake fetcher, on a clock the test moves. */
class CachingFetcherTest {

    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    static final URI CRL = URI.create("http://127.0.0.1/ca.crl");

    /** A clock the test can move forward. */
    static final class MovingClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Answers with a new body on every call and records the calls. */
    static final class Counting implements Fetcher {
        final List<String> calls = new ArrayList<>();
        boolean fail;

        @Override
        public byte[] get(URI uri, Kind kind, Instant deadline, Expiry expiry)
                throws FetchException {
            return answer("GET " + uri);
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
            return answer("POST " + uri + " " + body[0]);
        }

        private byte[] answer(String call) throws FetchException {
            calls.add(call);
            if (fail) {
                throw new FetchException("connection refused");
            }
            return new byte[] {(byte) calls.size()};
        }
    }

    final MovingClock clock = new MovingClock();
    final Counting delegate = new Counting();
    final CachingFetcher cache = new CachingFetcher(delegate, clock);

    static Fetcher.Expiry until(Instant instant) {
        return body -> Optional.of(instant);
    }

    @Test
    void answerIsServedFromTheCacheUntilItsNextUpdate() throws FetchException {
        Instant nextUpdate = T0.plus(Duration.ofDays(7));

        byte[] first = cache.get(CRL, Kind.CRL, null, until(nextUpdate));
        clock.now = nextUpdate.minusSeconds(1);
        byte[] second = cache.get(CRL, Kind.CRL, null, until(nextUpdate));
        clock.now = nextUpdate;
        byte[] third = cache.get(CRL, Kind.CRL, null, until(nextUpdate.plus(Duration.ofDays(7))));

        assertThat(second).isEqualTo(first);
        assertThat(third).isNotEqualTo(first);
        assertThat(delegate.calls).hasSize(2);
    }

    @Test
    void answerTheCallerFoundUnusableIsNotCached() throws FetchException {
        cache.get(CRL, Kind.CRL, null, Fetcher.Expiry.NEVER);
        cache.get(CRL, Kind.CRL, null, Fetcher.Expiry.NEVER);

        assertThat(delegate.calls).hasSize(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void answerAlreadyPastItsNextUpdateIsNotCached() throws FetchException {
        cache.get(CRL, Kind.CRL, null, until(T0.minusSeconds(1)));
        cache.get(CRL, Kind.CRL, null, until(T0.minusSeconds(1)));

        assertThat(delegate.calls).hasSize(2);
    }

    @Test
    void aiaAnswerIsKeptForTheFixedTime() throws FetchException {
        URI aia = URI.create("http://127.0.0.1/ca.der");

        cache.get(aia, Kind.AIA, null, Fetcher.Expiry.NEVER);
        clock.now = T0.plus(CachingFetcher.AIA_TTL).minusSeconds(1);
        cache.get(aia, Kind.AIA, null, Fetcher.Expiry.NEVER);
        clock.now = T0.plus(CachingFetcher.AIA_TTL);
        cache.get(aia, Kind.AIA, null, Fetcher.Expiry.NEVER);

        assertThat(delegate.calls).hasSize(2);
    }

    @Test
    void postsWithDifferentBodiesAreCachedApart() throws FetchException {
        URI ocsp = URI.create("http://127.0.0.1/ocsp");
        Fetcher.Expiry week = until(T0.plus(Duration.ofDays(7)));

        cache.post(ocsp, Kind.OCSP, "application/ocsp-request", new byte[] {1}, null, week);
        cache.post(ocsp, Kind.OCSP, "application/ocsp-request", new byte[] {2}, null, week);
        cache.post(ocsp, Kind.OCSP, "application/ocsp-request", new byte[] {1}, null, week);

        assertThat(delegate.calls).containsExactly("POST " + ocsp + " 1", "POST " + ocsp + " 2");
    }

    @Test
    void failureIsNotCached() {
        delegate.fail = true;

        assertThatThrownBy(() -> cache.get(CRL, Kind.CRL, null, until(T0.plusSeconds(60))))
                .hasMessage("connection refused");
        assertThatThrownBy(() -> cache.get(CRL, Kind.CRL, null, until(T0.plusSeconds(60))))
                .hasMessage("connection refused");
        assertThat(delegate.calls).hasSize(2);
    }
}
