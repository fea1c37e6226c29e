package io.certgauge.fetch;

import io.certgauge.chain.FetchException;
import io.certgauge.chain.Fetcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches over HTTP and HTTPS with Apache HttpClient 5, within a deadline and a size cap.
 *
 * <ul>
 *   <li>Only {@code http} and {@code https} URLs are fetched; any other scheme (LDAP in old
 *       certificates, {@code file}) is refused before anything is sent, and so is a redirect to
 *       one.
 *   <li>The deadline bounds the connect, every read and the whole exchange: a request still running
 *       at the deadline is cancelled, so a server that drips one byte a second cannot hold a probe.
 *       Without a deadline {@link #DEFAULT_TIMEOUT} applies.
 *   <li>An answer larger than the kind's cap is refused, from its Content-Length when given, else
 *       while reading.
 *   <li>Redirects are followed by hand, at most {@link #MAX_REDIRECTS}: GET on any redirect status,
 *       POST only on 307 and 308, which keep the method and body.
 * </ul>
 *
 * <p>Thread-safe; share one instance and {@link #close()} it at shutdown.
 */
// Limitation: Java 17 has no DNS timeout; a slow resolver can hold a fetch past its deadline,
// since cancelling the request does not interrupt the lookup.
public final class HttpFetcher implements Fetcher, AutoCloseable {

    /** The deadline of a fetch that was given none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    static final int MAX_REDIRECTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);
    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** The time left for the fetch running on this thread, read when a connection opens. */
    private static final ThreadLocal<Duration> CONNECT_BUDGET = new ThreadLocal<>();

    private final Clock clock;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService canceller;

    /** A fetcher whose deadlines are measured on the system clock. */
    public HttpFetcher() {
        this(Clock.systemUTC());
    }

    /**
     * @param clock the wall clock deadlines are measured against
     */
    public HttpFetcher(Clock clock) {
        this.clock = clock;
        PoolingHttpClientConnectionManager connections =
                PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(64)
                        .setMaxConnPerRoute(4)
                        .setConnectionConfigResolver(route -> connectionConfig())
                        .build();
        this.client =
                HttpClients.custom()
                        .setConnectionManager(connections)
                        .disableRedirectHandling()
                        .disableAutomaticRetries()
                        .disableCookieManagement()
                        .disableAuthCaching()
                        .setUserAgent("certgauge")
                        .build();
        this.canceller =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "certgauge-fetch-deadline");
                            t.setDaemon(true);
                            return t;
                        });
    }

    @Override
    public byte[] get(URI uri, Kind kind, Instant deadline, Expiry expiry) throws FetchException {
        return exchange(uri, kind, null, null, end(deadline), 0);
    }

    @Override
    public byte[] post(
            URI uri, Kind kind, String contentType, byte[] body, Instant deadline, Expiry expiry)
            throws FetchException {
        return exchange(uri, kind, contentType, body, end(deadline), 0);
    }

    @Override
    public void close() {
        canceller.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("closing the HTTP client: {}", e.getMessage());
        }
    }

    private Instant end(Instant deadline) {
        return deadline != null ? deadline : clock.instant().plus(DEFAULT_TIMEOUT);
    }

    /** What one exchange gave: a body, or a redirect to follow. */
    private record Answer(byte[] body, URI location) {}

    private byte[] exchange(
            URI uri, Kind kind, String contentType, byte[] body, Instant end, int redirects)
            throws FetchException {
        checkScheme(uri);
        Duration left = Duration.between(clock.instant(), end);
        if (left.isNegative() || left.isZero()) {
            throw new FetchException("not asked: the deadline had passed");
        }

        HttpUriRequestBase request = request(uri, contentType, body, left);
        ScheduledFuture<?> cancel =
                canceller.schedule(request::cancel, left.toMillis(), TimeUnit.MILLISECONDS);
        CONNECT_BUDGET.set(left);
        Answer answer;
        try {
            answer = client.execute(request, response -> read(response, uri, kind, body));
        } catch (FetchException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw describe(e, end);
        } finally {
            CONNECT_BUDGET.remove();
            cancel.cancel(false);
        }

        if (answer.location() == null) {
            LOG.debug("fetched {} ({} bytes)", uri, answer.body().length);
            return answer.body();
        }
        if (redirects >= MAX_REDIRECTS) {
            throw new FetchException("redirected more than " + MAX_REDIRECTS + " times");
        }
        return exchange(answer.location(), kind, contentType, body, end, redirects + 1);
    }

    private static HttpUriRequestBase request(
            URI uri, String contentType, byte[] body, Duration left) {
        HttpUriRequestBase request;
        if (body == null) {
            request = new HttpGet(uri);
        } else {
            HttpPost post = new HttpPost(uri);
            post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
            request = post;
        }
        Timeout timeout = Timeout.of(left);
        request.setConfig(
                RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .setRedirectsEnabled(false)
                        .build());
        return request;
    }

    private static ConnectionConfig connectionConfig() {
        Duration budget = CONNECT_BUDGET.get();
        Timeout timeout = Timeout.of(budget != null ? budget : DEFAULT_TIMEOUT);
        return ConnectionConfig.custom()
                .setConnectTimeout(timeout)
                .setSocketTimeout(timeout)
                .build();
    }

    private static Answer read(ClassicHttpResponse response, URI uri, Kind kind, byte[] body)
            throws IOException {
        int status = response.getCode();
        if (REDIRECTS.contains(status)) {
            return new Answer(null, redirectTarget(response, uri, status, body != null));
        }
        if (status != 200) {
            throw new FetchException("answered HTTP " + status);
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            throw new FetchException("answered with no body");
        }
        if (entity.getContentLength() > kind.maxBytes()) {
            throw tooLarge(kind);
        }
        try (InputStream in = entity.getContent()) {
            return new Answer(readCapped(in, kind), null);
        }
    }

    private static URI redirectTarget(
            ClassicHttpResponse response, URI uri, int status, boolean post) throws FetchException {
        if (post && status != 307 && status != 308) {
            throw new FetchException(
                    "answered HTTP "
                            + status
                            + " to a POST; only 307 and 308 keep the request, so it is not"
                            + " followed");
        }
        Header location = response.getFirstHeader("Location");
        if (location == null) {
            throw new FetchException("answered HTTP " + status + " without a Location");
        }
        URI target;
        try {
            target = uri.resolve(location.getValue().trim());
        } catch (IllegalArgumentException e) {
            throw new FetchException(
                    "redirected to an unreadable Location '" + location.getValue() + "'");
        }
        checkScheme(target);
        return target;
    }

    private static byte[] readCapped(InputStream in, Kind kind) throws IOException {
        byte[] all = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, kind.maxBytes() + 1));
        if (all.length > kind.maxBytes()) {
            throw tooLarge(kind);
        }
        return all;
    }

    private static FetchException tooLarge(Kind kind) {
        return new FetchException(
                "answered more than the "
                        + kind.name().toLowerCase(Locale.ROOT)
                        + " size cap of "
                        + kind.maxBytes()
                        + " bytes");
    }

    static void checkScheme(URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme) || uri.getHost() == null) {
            throw new FetchException(
                    "refused: only http and https URLs with a host are" + " fetched, not " + uri);
        }
    }

    private FetchException describe(Exception e, Instant end) {
        if (!clock.instant().isBefore(end) || e instanceof InterruptedIOException) {
            return new FetchException("gave no answer within the deadline", e);
        }
        if (e instanceof ConnectException) {
            return new FetchException("connection refused", e);
        }
        if (e instanceof UnknownHostException) {
            return new FetchException("host name not found", e);
        }
        if (e instanceof SSLException) {
            return new FetchException("TLS failed: " + e.getMessage(), e);
        }
        return new FetchException(String.valueOf(e.getMessage()), e);
    }
}
