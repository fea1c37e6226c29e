package io.certgauge.chain;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges one presented chain: builds and validates a certification path of its own, checks the leaf
 * against the peer name, and reports every problem as a {@link Finding}, one code per problem, the
 * most specific one.
 *
 * <p>Path choice: a path valid in every respect wins; failing that, one that reaches a trust anchor
 * and fails on validity dates alone (the dates are reported); failing that, the chain is untrusted
 * and the rule that failed is named. Among equally good paths, one made only of what the server
 * sent beats one that needs a known intermediate ({@code incomplete_chain}).
 *
 * <p>Validity dates are reported on the chosen path, or, when no path reaches a trust anchor, on
 * the issuer chain the presented certificates form: an expired self-signed leaf is both {@code
 * expired} and {@code self_signed}, two problems with two fixes. An empty checked name (nothing to
 * check, as for a certificate file) counts as a host name match.
 *
 * <p>When no path reaches a trust anchor and the top of the best path names caIssuers (RFC 5280
 * section 4.2.2.1), the missing issuers are fetched and the path is built again, as browsers do: a
 * path that then validates is {@code incomplete_chain} (verified), naming the address the
 * intermediate came from; otherwise the {@code untrusted} message says why the fetch did not help.
 * The leaf's revocation status is then checked by {@link RevocationChecker}.
 *
 * <p>Pure apart from the injected {@link Fetcher}, and thread-safe: every analysis works on its own
 * state; the fields are the clock and the fetcher.
 */
public final class Analyzer {

    private final Clock clock;
    private final Fetcher fetcher;

    /**
     * An Analyzer that fetches nothing ({@link Fetcher#NONE}): AIA completion finds nothing, and
     * with revocation on a leaf that names a responder or a CRL gets {@code revocation_unknown}
     * unless its staple answers, since no answer could be had. Production wiring passes a real
     * fetcher.
     */
    public Analyzer(Clock clock) {
        this(clock, Fetcher.NONE);
    }

    /** An Analyzer whose OCSP, CRL and AIA fetches go through {@code fetcher}. */
    public Analyzer(Clock clock, Fetcher fetcher) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    /**
     * Analyses a chain as presented (position 0 is the leaf) in the given context.
     *
     * @throws IllegalArgumentException when {@code presented} is empty
     */
    public ChainReport analyze(List<X509Certificate> presented, AnalysisContext ctx) {
        return analyze(presented, ctx, ValidationOptions.DEFAULT);
    }

    /**
     * Analyses a chain with validation options other than a TLS client's defaults (a depth limit,
     * key usages the leaf must allow).
     *
     * @throws IllegalArgumentException when {@code presented} is empty
     */
    public ChainReport analyze(
            List<X509Certificate> presented, AnalysisContext ctx, ValidationOptions options) {
        if (presented.isEmpty()) {
            throw new IllegalArgumentException("no certificate presented");
        }
        Instant now = clock.instant();
        X509Certificate leaf = presented.get(0);
        SignatureCheck signatures = new SignatureCheck();
        PathValidator validator =
                new PathValidator(now, signatures, options, publicAnchors(ctx.trust()));

        PathValidation best = bestPath(presented, ctx.trust(), validator);
        AiaIssuers aia = new AiaIssuers(fetcher, ctx.deadline());
        TrustMaterial trust = ctx.trust();
        for (int round = 0;
                round < AiaIssuers.MAX_ROUNDS && missesIssuer(best, signatures);
                round++) {
            List<X509Certificate> fetched = aia.issuersOf(top(best.path()));
            if (fetched.isEmpty()) {
                break;
            }
            trust = trust.plus(new TrustMaterial(List.of(), fetched));
            best = bestPath(presented, trust, validator);
        }
        boolean verified = best.verified();
        List<X509Certificate> path =
                verified ? best.path() : presentedIssuerChain(presented, signatures);
        List<Violation> dates = verified ? best.dates() : validator.dateViolations(path, false);
        boolean hostnameMatch =
                ctx.checkedNameAscii().isBlank()
                        || HostnameMatcher.matches(leaf, ctx.checkedNameAscii());
        boolean publicRoot = endsInPublicRoot(path, ctx.trust());

        List<Finding> findings = new ArrayList<>();
        dateFinding(dates, PathRule.EXPIRED, FindingCode.EXPIRED).ifPresent(findings::add);
        dateFinding(dates, PathRule.NOT_YET_VALID, FindingCode.NOT_YET_VALID)
                .ifPresent(findings::add);
        if (!hostnameMatch) {
            findings.add(hostnameMismatch(leaf, ctx.checkedName()));
        }
        trustFinding(best, presented, signatures, aia).ifPresent(findings::add);
        if (verified) {
            chainOrder(presented, path).ifPresent(findings::add);
        }
        expiredExtras(presented, path, now).ifPresent(findings::add);
        LifetimePolicy.renewalOverdue(leaf, now).ifPresent(findings::add);
        if (publicRoot) {
            LifetimePolicy.lifetimeTooLong(leaf).ifPresent(findings::add);
        }
        findings.addAll(
                CryptoPolicy.findings(verified ? path : List.of(leaf), verified, ctx.protocol()));
        X509Certificate issuer = path.size() > 1 ? path.get(1) : null;
        RevocationChecker.Outcome revocation =
                new RevocationChecker(fetcher, now).check(leaf, issuer, ctx);
        findings.addAll(revocation.findings());
        findings.sort(Comparator.comparing(Finding::code));

        Instant chainNotAfter = new PathValidation(path, verified, List.of()).notAfter();
        return new ChainReport(
                presented,
                path,
                verified,
                hostnameMatch,
                publicRoot,
                findings,
                chainNotAfter,
                revocation.answers(),
                revocation.stapleNextUpdate());
    }

    private static PathValidation bestPath(
            List<X509Certificate> presented, TrustMaterial trust, PathValidator validator) {
        return new PathBuilder(presented, trust)
                .build(presented.get(0)).stream()
                        .map(validator::validate)
                        .min(ranking(presented))
                        .orElseThrow();
    }

    /** The best path is a dead end below a certificate that is not self-signed. */
    private static boolean missesIssuer(PathValidation best, SignatureCheck signatures) {
        return !best.anchored() && !signatures.selfSigned(top(best.path()));
    }

    private static X509Certificate top(List<X509Certificate> path) {
        return path.get(path.size() - 1);
    }

    /**
     * Best first: valid, then failing on dates alone, then anchored, then dead ends; then the
     * fewest MD5 or SHA-1 signatures (a browser that finds a SHA-256 path takes it), the fewest
     * violations, the fewest certificates the server did not send, the shortest, and the latest
     * chain expiry.
     */
    private static Comparator<PathValidation> ranking(List<X509Certificate> presented) {
        Comparator<PathValidation> byCategory = Comparator.comparingInt(Analyzer::category);
        return byCategory
                .thenComparingInt(Analyzer::weakSignatures)
                .thenComparingInt(v -> v.violations().size())
                .thenComparingInt(v -> notSent(v, presented).size())
                .thenComparingInt(v -> v.path().size())
                .thenComparing(PathValidation::notAfter, Comparator.reverseOrder());
    }

    /** Signatures made with a weak digest on the path, the anchor's self-signature aside. */
    private static int weakSignatures(PathValidation validation) {
        List<X509Certificate> path = validation.path();
        int signed = validation.anchored() ? path.size() - 1 : path.size();
        int weak = 0;
        for (int i = 0; i < signed; i++) {
            if (CryptoPolicy.weakDigest(path.get(i)).isPresent()) {
                weak++;
            }
        }
        return weak;
    }

    private static int category(PathValidation validation) {
        if (validation.valid()) {
            return 0;
        }
        if (validation.verified()) {
            return 1;
        }
        return validation.anchored() ? 2 : 3;
    }

    /**
     * The certificates on a path that the server did not send: intermediates found in the trust
     * material. A self-signed anchor at the top need not be sent (RFC 8446 section 4.4.2 lets the
     * server omit it), so it never counts.
     */
    private static List<X509Certificate> notSent(
            PathValidation validation, List<X509Certificate> presented) {
        List<X509Certificate> path = validation.path();
        List<X509Certificate> missing = new ArrayList<>();
        for (int i = 1; i < path.size(); i++) {
            X509Certificate cert = path.get(i);
            boolean rootAnchor =
                    validation.anchored() && i == path.size() - 1 && Describe.selfIssued(cert);
            if (!rootAnchor && !presented.contains(cert)) {
                missing.add(cert);
            }
        }
        return missing;
    }

    private static Optional<Finding> trustFinding(
            PathValidation best,
            List<X509Certificate> presented,
            SignatureCheck signatures,
            AiaIssuers aia) {
        X509Certificate leaf = presented.get(0);
        if (best.verified()) {
            List<X509Certificate> missing = notSent(best, presented);
            if (missing.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(
                    new Finding(
                            FindingCode.INCOMPLETE_CHAIN,
                            "the server did not send "
                                    + missing.stream()
                                            .map(Describe::name)
                                            .collect(Collectors.joining(", "))
                                    + "; "
                                    + completedFrom(missing, aia)));
        }
        if (signatures.selfSigned(leaf)) {
            return Optional.of(
                    new Finding(
                            FindingCode.SELF_SIGNED,
                            "leaf "
                                    + Describe.name(leaf)
                                    + " is self-signed and not a trust anchor"));
        }
        Violation reason = best.structural().get(0);
        String fetchNote =
                aia.problems().isEmpty()
                        ? ""
                        : "; fetching the issuer named by AIA caIssuers did not help: "
                                + String.join("; ", aia.problems());
        return Optional.of(
                new Finding(
                        FindingCode.UNTRUSTED,
                        "no acceptable path to a trust anchor: " + reason.message() + fetchNote));
    }

    /** Where the certificates the server did not send were found. */
    private static String completedFrom(List<X509Certificate> missing, AiaIssuers aia) {
        if (missing.stream().allMatch(c -> aia.source(c).isEmpty())) {
            return "the path was completed from the trust material";
        }
        return "the chain validates with "
                + missing.stream()
                        .map(
                                c ->
                                        aia.source(c)
                                                .map(
                                                        url ->
                                                                Describe.name(c)
                                                                        + " fetched from "
                                                                        + url
                                                                        + " (AIA caIssuers), as"
                                                                        + " browsers that fetch it"
                                                                        + " do")
                                                .orElse(
                                                        Describe.name(c)
                                                                + " from the trust material"))
                        .collect(Collectors.joining(" and "));
    }

    private static Optional<Finding> dateFinding(
            List<Violation> dates, PathRule rule, FindingCode code) {
        List<String> details =
                dates.stream()
                        .filter(v -> v.rule() == rule)
                        .map(Violation::detail)
                        .collect(Collectors.toList());
        if (details.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(code, String.join("; ", details)));
    }

    private static Finding hostnameMismatch(X509Certificate leaf, String checkedName) {
        List<String> sans = HostnameMatcher.describeSubjectAltNames(leaf);
        String covered =
                sans.isEmpty()
                        ? "it has no subjectAltName DNS or IP entry (the CN is not used)"
                        : "it covers " + String.join(", ", sans);
        return new Finding(
                FindingCode.HOSTNAME_MISMATCH,
                "leaf "
                        + Describe.name(leaf)
                        + " is not valid for "
                        + checkedName
                        + ": "
                        + covered);
    }

    /**
     * TLS 1.2 (RFC 5246 section 7.4.2) wants each certificate to certify the one before it. The
     * certificates the path uses must therefore come first and in path order; certificates the path
     * does not use may only follow them (those are extras, not disorder).
     */
    private static Optional<Finding> chainOrder(
            List<X509Certificate> presented, List<X509Certificate> path) {
        int lastUsed = 0;
        boolean unusedSeen = false;
        for (int i = 1; i < presented.size(); i++) {
            int onPath = path.indexOf(presented.get(i));
            if (onPath < 0) {
                unusedSeen = true;
                continue;
            }
            if (unusedSeen || onPath < lastUsed) {
                return Optional.of(
                        new Finding(
                                FindingCode.CHAIN_ORDER,
                                "certificate "
                                        + (i + 1)
                                        + " of "
                                        + presented.size()
                                        + " ("
                                        + Describe.name(presented.get(i))
                                        + ") is out of order; the path is "
                                        + names(path)));
            }
            lastUsed = onPath;
        }
        return Optional.empty();
    }

    private static Optional<Finding> expiredExtras(
            List<X509Certificate> presented, List<X509Certificate> path, Instant now) {
        List<String> extras = new ArrayList<>();
        for (X509Certificate cert : presented) {
            if (!path.contains(cert) && now.isAfter(cert.getNotAfter().toInstant())) {
                extras.add(
                        Describe.name(cert)
                                + " (expired at "
                                + Describe.time(cert.getNotAfter().toInstant())
                                + ")");
            }
        }
        if (extras.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Finding(
                        FindingCode.EXPIRED_EXTRA_CERT,
                        "the server sent "
                                + String.join(", ", extras)
                                + ", which the path does not use"));
    }

    /**
     * The issuer chain the presented certificates form from the leaf: what chain expiry is measured
     * on when no path reaches a trust anchor.
     */
    private static List<X509Certificate> presentedIssuerChain(
            List<X509Certificate> presented, SignatureCheck signatures) {
        List<X509Certificate> chain = new ArrayList<>(List.of(presented.get(0)));
        X509Certificate current = presented.get(0);
        while (chain.size() < presented.size() && !Describe.selfIssued(current)) {
            Optional<X509Certificate> issuer = issuerAmong(current, presented, chain, signatures);
            if (issuer.isEmpty()) {
                break;
            }
            current = issuer.get();
            chain.add(current);
        }
        return chain;
    }

    private static Optional<X509Certificate> issuerAmong(
            X509Certificate cert,
            List<X509Certificate> presented,
            List<X509Certificate> used,
            SignatureCheck signatures) {
        List<X509Certificate> named =
                presented.stream()
                        .filter(c -> used.stream().noneMatch(u -> sameEntity(u, c)))
                        .filter(
                                c ->
                                        c.getSubjectX500Principal()
                                                .equals(cert.getIssuerX500Principal()))
                        .collect(Collectors.toList());
        return named.stream()
                .filter(c -> signatures.verifies(cert, c))
                .findFirst()
                .or(() -> named.stream().findFirst());
    }

    private static Set<X509Certificate> publicAnchors(TrustMaterial trust) {
        return trust.anchors().stream()
                .filter(TrustMaterial.Anchor::publicRoot)
                .map(TrustMaterial.Anchor::certificate)
                .collect(Collectors.toSet());
    }

    /** Same subject and key: another certificate of a CA already on the chain is a loop. */
    private static boolean sameEntity(X509Certificate a, X509Certificate b) {
        return a.getSubjectX500Principal().equals(b.getSubjectX500Principal())
                && a.getPublicKey().equals(b.getPublicKey());
    }

    private static boolean endsInPublicRoot(List<X509Certificate> path, TrustMaterial trust) {
        X509Certificate top = path.get(path.size() - 1);
        return trust.anchors().stream()
                .anyMatch(a -> a.publicRoot() && a.certificate().equals(top));
    }

    private static String names(List<X509Certificate> certs) {
        return certs.stream().map(Describe::name).collect(Collectors.joining(" <- "));
    }
}
