package io.certgauge.chain;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the issuer certificates a certificate names in its caIssuers access description (RFC 5280
 * section 4.2.2.1): a DER certificate or a PKCS#7 "certs-only" bundle. Only certificates whose
 * subject is the named issuer are kept; they only ever become candidate intermediates, never trust
 * anchors, and path validation still checks their signatures. Remembers where each came from and
 * why a fetch gave nothing, for the findings. Not thread-safe; one per analysis.
 */
final class AiaIssuers {

    private static final Logger LOG = LoggerFactory.getLogger(AiaIssuers.class);

    /** Most issuer levels fetched for one chain: a leaf, its intermediate, a cross-sign. */
    static final int MAX_ROUNDS = 3;

    /** caIssuers addresses tried per certificate. */
    static final int MAX_URLS = 2;

    private final Fetcher fetcher;
    private final Instant deadline;
    private final Map<X509Certificate, URI> sources = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Set<URI> tried = new HashSet<>();

    AiaIssuers(Fetcher fetcher, Instant deadline) {
        this.fetcher = fetcher;
        this.deadline = deadline;
    }

    /** The issuers of {@code cert} fetched from its caIssuers addresses; empty when none. */
    List<X509Certificate> issuersOf(X509Certificate cert) {
        List<X509Certificate> found = new ArrayList<>();
        List<URI> urls = CertificateUrls.caIssuers(cert);
        for (URI url : urls.subList(0, Math.min(urls.size(), MAX_URLS))) {
            if (tried.add(url)) {
                found.addAll(fetch(url, cert));
            }
        }
        return found;
    }

    /** Where a fetched certificate came from. */
    Optional<URI> source(X509Certificate cert) {
        return Optional.ofNullable(sources.get(cert));
    }

    /** Why fetches gave nothing, one sentence each with the address. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    private List<X509Certificate> fetch(URI url, X509Certificate cert) {
        List<X509Certificate> issuers = new ArrayList<>();
        try {
            byte[] body = fetcher.get(url, Fetcher.Kind.AIA, deadline, Fetcher.Expiry.NEVER);
            for (X509Certificate candidate : parse(body)) {
                if (candidate.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                    issuers.add(candidate);
                    sources.putIfAbsent(candidate, url);
                }
            }
            if (issuers.isEmpty()) {
                problems.add(
                        url
                                + " holds no certificate named "
                                + cert.getIssuerX500Principal().getName());
            }
        } catch (FetchException e) {
            problems.add(url + ": " + e.getMessage());
        } catch (CertificateException e) {
            problems.add(url + " is not a DER certificate or a PKCS#7 bundle");
        }
        LOG.debug("caIssuers {} of {}: {} issuer(s)", url, Describe.name(cert), issuers.size());
        return issuers;
    }

    /** A DER or PEM certificate, or a PKCS#7 bundle: the JDK's factory reads all three. */
    private static List<X509Certificate> parse(byte[] body) throws CertificateException {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(body))) {
                if (c instanceof X509Certificate x509) {
                    certs.add(x509);
                }
            }
        } catch (RuntimeException e) {
            throw new CertificateException("unreadable", e);
        }
        if (certs.isEmpty()) {
            throw new CertificateException("no certificate");
        }
        return certs;
    }
}
