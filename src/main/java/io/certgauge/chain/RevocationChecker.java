package io.certgauge.chain;

import io.certgauge.chain.RevocationAnswer.Source;
import io.certgauge.chain.RevocationAnswer.Status;
import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the leaf's revocation status, cheapest source first: the OCSP response the server stapled
 * (no fetch), then the CRLs supplied with the chain ({@link AnalysisContext#crls()}; no fetch),
 * then the OCSP responders named in authorityInfoAccess, then the CRL distribution points. The
 * first decisive answer (good or revoked) ends the search, except that once the supplied CRLs are
 * reached every one of the leaf's issuer is read: reading costs nothing, and a revoked answer wins
 * over a good one. Every answer read on the way is kept for the report.
 *
 * <p>A supplied CRL is consulted when its issuer name is the leaf's issuer name; CRLs of other
 * issuers are ignored. It passes the checks of a fetched CRL ({@link CrlVerifier}) or gives no
 * usable answer.
 *
 * <p>With revocation off only what needs no fetch is judged: the staple and the supplied CRLs. A
 * server that staples "revoked" is reported even then, and so is a supplied CRL that lists the
 * leaf; nothing is fetched. {@code must_staple_missing} depends on the handshake alone and is
 * reported either way.
 *
 * <p>{@code revocation_unknown} follows the contract: the leaf names a responder or a CRL,
 * revocation is on, and no source gave a decisive answer in time. CRLs supplied for the leaf's
 * issuer count as a CRL the leaf names, with revocation on or off: whoever supplies them asks for
 * the check, so when none of them (nor any other source) gives a usable answer the finding is
 * {@code revocation_unknown}. A leaf that names neither, with no supplied CRL of its issuer, gets
 * no revocation finding. Not thread-safe; one per analysis.
 */
// Limitation: only the leaf is checked; intermediates' revocation (by CRL) is not.
final class RevocationChecker {

    private static final Logger LOG = LoggerFactory.getLogger(RevocationChecker.class);

    /** Responders or distribution points tried per source; more only cost time. */
    static final int MAX_URLS_PER_SOURCE = 2;

    private final Fetcher fetcher;
    private final OcspVerifier ocsp;
    private final CrlVerifier crl;

    /** What the checks found: the answers, the staple's nextUpdate and the findings. */
    record Outcome(
            List<RevocationAnswer> answers, Instant stapleNextUpdate, List<Finding> findings) {}

    RevocationChecker(Fetcher fetcher, Instant now) {
        this.fetcher = fetcher;
        this.ocsp = new OcspVerifier(now);
        this.crl = new CrlVerifier(now);
    }

    /**
     * Checks {@code leaf}.
     *
     * @param issuer the leaf's issuer on the chosen path, or {@code null} when none is known (then
     *     no answer can be verified)
     */
    Outcome check(X509Certificate leaf, X509Certificate issuer, AnalysisContext ctx) {
        List<Finding> findings = new ArrayList<>();
        byte[] staple = ctx.ocspStaple();
        if (staple == null && CertificateUrls.mustStaple(leaf)) {
            findings.add(
                    new Finding(
                            FindingCode.MUST_STAPLE_MISSING,
                            "leaf "
                                    + Describe.name(leaf)
                                    + " requires OCSP stapling (TLS feature status_request, RFC"
                                    + " 7633) but the server stapled no response"));
        }

        List<URI> responders = CertificateUrls.ocspResponders(leaf);
        List<URI> crls = CertificateUrls.crlDistributionPoints(leaf);
        List<RevocationAnswer> answers = new ArrayList<>();
        Instant stapleNextUpdate = null;
        if (staple != null) {
            RevocationAnswer answer =
                    issuer == null
                            ? RevocationAnswer.unusable(Source.STAPLE, null, noIssuer(leaf))
                            : ocsp.verify(staple, leaf, issuer, Source.STAPLE, null, null);
            answers.add(answer);
            stapleNextUpdate = answer.nextUpdate();
        }
        List<X509CRL> supplied = suppliedFor(leaf, ctx.crls());
        if (!decided(answers)) {
            supplied.forEach(c -> answers.add(readSupplied(c, leaf, issuer)));
        }
        if (ctx.revocation() && !decided(answers)) {
            fetchAnswers(leaf, issuer, responders, crls, ctx.deadline(), answers);
        }

        boolean named = !(responders.isEmpty() && crls.isEmpty());
        verdict(leaf, answers, (ctx.revocation() && named) || !supplied.isEmpty())
                .ifPresent(findings::add);
        return new Outcome(answers, stapleNextUpdate, findings);
    }

    /** The supplied CRLs issued under the leaf's issuer name, in the order given. */
    private static List<X509CRL> suppliedFor(X509Certificate leaf, List<X509CRL> crls) {
        return crls.stream()
                .filter(c -> c.getIssuerX500Principal().equals(leaf.getIssuerX500Principal()))
                .collect(Collectors.toList());
    }

    private RevocationAnswer readSupplied(
            X509CRL supplied, X509Certificate leaf, X509Certificate issuer) {
        if (issuer == null) {
            return RevocationAnswer.unusable(Source.CRL, null, noIssuer(leaf));
        }
        try {
            return crl.verify(supplied.getEncoded(), leaf, issuer, null);
        } catch (CRLException e) {
            return RevocationAnswer.unusable(
                    Source.CRL, null, "not a readable CRL (" + e.getMessage() + ")");
        }
    }

    private void fetchAnswers(
            X509Certificate leaf,
            X509Certificate issuer,
            List<URI> responders,
            List<URI> crls,
            Instant deadline,
            List<RevocationAnswer> answers) {
        if (issuer == null) {
            if (!responders.isEmpty() || !crls.isEmpty()) {
                answers.add(
                        RevocationAnswer.unusable(
                                responders.isEmpty() ? Source.CRL : Source.OCSP,
                                null,
                                noIssuer(leaf)));
            }
            return;
        }
        for (URI url : first(responders)) {
            answers.add(askResponder(url, leaf, issuer, deadline));
            if (decided(answers)) {
                return;
            }
        }
        for (URI url : first(crls)) {
            answers.add(readCrl(url, leaf, issuer, deadline));
            if (decided(answers)) {
                return;
            }
        }
    }

    private RevocationAnswer askResponder(
            URI url, X509Certificate leaf, X509Certificate issuer, Instant deadline) {
        byte[] request = OcspVerifier.request(leaf, issuer, null);
        try {
            byte[] body =
                    fetcher.post(
                            url,
                            Fetcher.Kind.OCSP,
                            OcspVerifier.REQUEST_TYPE,
                            request,
                            deadline,
                            bytes -> ocsp.usableUntil(bytes, leaf, issuer));
            return ocsp.verify(body, leaf, issuer, Source.OCSP, url, null);
        } catch (FetchException e) {
            LOG.debug("OCSP {} for {}: {}", url, Describe.name(leaf), e.getMessage());
            return RevocationAnswer.unusable(Source.OCSP, url, e.getMessage());
        }
    }

    private RevocationAnswer readCrl(
            URI url, X509Certificate leaf, X509Certificate issuer, Instant deadline) {
        try {
            byte[] body =
                    fetcher.get(
                            url,
                            Fetcher.Kind.CRL,
                            deadline,
                            bytes -> crl.usableUntil(bytes, leaf, issuer));
            return crl.verify(body, leaf, issuer, url);
        } catch (FetchException e) {
            LOG.debug("CRL {} for {}: {}", url, Describe.name(leaf), e.getMessage());
            return RevocationAnswer.unusable(Source.CRL, url, e.getMessage());
        }
    }

    private static Optional<Finding> verdict(
            X509Certificate leaf, List<RevocationAnswer> answers, boolean unknownCounts) {
        Optional<RevocationAnswer> revoked =
                answers.stream().filter(a -> a.status() == Status.REVOKED).findFirst();
        if (revoked.isPresent()) {
            return Optional.of(revokedFinding(leaf, revoked.get()));
        }
        if (decided(answers) || !unknownCounts) {
            return Optional.empty();
        }
        String why =
                answers.isEmpty()
                        ? "nothing could be asked in time"
                        : answers.stream()
                                .map(a -> a.describeSource() + ": " + a.detail())
                                .collect(Collectors.joining("; "));
        return Optional.of(
                new Finding(
                        FindingCode.REVOCATION_UNKNOWN,
                        "no usable revocation answer for leaf "
                                + Describe.name(leaf)
                                + ": "
                                + why));
    }

    private static Finding revokedFinding(X509Certificate leaf, RevocationAnswer answer) {
        StringBuilder message =
                new StringBuilder("leaf ")
                        .append(Describe.name(leaf))
                        .append(" (serial ")
                        .append(OcspVerifier.serial(leaf))
                        .append(")")
                        .append(" was revoked at ")
                        .append(Describe.time(answer.revokedAt()))
                        .append(", reason ")
                        .append(answer.reason() != null ? answer.reason() : "not given")
                        .append(", according to ")
                        .append(answer.describeSource());
        return new Finding(FindingCode.REVOKED, message.toString());
    }

    private static boolean decided(List<RevocationAnswer> answers) {
        return answers.stream().anyMatch(RevocationAnswer::decisive);
    }

    private static List<URI> first(List<URI> urls) {
        return urls.subList(0, Math.min(urls.size(), MAX_URLS_PER_SOURCE));
    }

    private static String noIssuer(X509Certificate leaf) {
        return "the issuer of "
                + Describe.name(leaf)
                + " is unknown, so no answer about it"
                + " can be verified";
    }
}
