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
 * Judges one presented chain: builds and validates a certification path of its own, checks the
 * leaf against the peer name, and reports every problem as a {@link Finding}, one code per
 * problem, the most specific one.
 *
 * <p>Path choice: a path valid in every respect wins; failing that, one that reaches a trust
 * anchor and fails on validity dates alone (the dates are reported); failing that, the chain is
 * untrusted and the rule that failed is named. Among equally good paths, one made only of what
 * the server sent beats one that needs a known intermediate ({@code incomplete_chain}).
 *
 * <p>Validity dates are reported on the chosen path, or, when no path reaches a trust anchor,
 * on the issuer chain the presented certificates form: an expired self-signed leaf is both
 * {@code expired} and {@code self_signed}, two problems with two fixes. An empty checked name
 * (nothing to check, as for a certificate file) counts as a host name match.
 *
 * <p>Pure (no I/O) and thread-safe: every analysis works on its own state; the only field is
 * the clock.
 */
public final class Analyzer {

    private final Clock clock;

    public Analyzer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
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
     * Analyses a chain with validation options other than a TLS client's defaults (a depth
     * limit, key usages the leaf must allow).
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

        PathValidation best = new PathBuilder(presented, ctx.trust()).build(leaf).stream()
                .map(validator::validate)
                .min(ranking(presented))
                .orElseThrow();
        boolean verified = best.verified();
        List<X509Certificate> path =
                verified ? best.path() : presentedIssuerChain(presented, signatures);
        List<Violation> dates = verified ? best.dates() : validator.dateViolations(path, false);
        boolean hostnameMatch = ctx.checkedNameAscii().isBlank()
                || HostnameMatcher.matches(leaf, ctx.checkedNameAscii());
        boolean publicRoot = endsInPublicRoot(path, ctx.trust());

        List<Finding> findings = new ArrayList<>();
        dateFinding(dates, PathRule.EXPIRED, FindingCode.EXPIRED).ifPresent(findings::add);
        dateFinding(dates, PathRule.NOT_YET_VALID, FindingCode.NOT_YET_VALID)
                .ifPresent(findings::add);
        if (!hostnameMatch) {
            findings.add(hostnameMismatch(leaf, ctx.checkedName()));
        }
        trustFinding(best, presented, signatures).ifPresent(findings::add);
        if (verified) {
            chainOrder(presented, path).ifPresent(findings::add);
        }
        expiredExtras(presented, path, now).ifPresent(findings::add);
        LifetimePolicy.renewalOverdue(leaf, now).ifPresent(findings::add);
        if (publicRoot) {
            LifetimePolicy.lifetimeTooLong(leaf).ifPresent(findings::add);
        }
        findings.sort(Comparator.comparing(Finding::code));

        Instant chainNotAfter = new PathValidation(path, verified, List.of()).notAfter();
        return new ChainReport(
                presented, path, verified, hostnameMatch, publicRoot, findings, chainNotAfter);
    }

    /**
     * Best first: valid, then failing on dates alone, then anchored, then dead ends; then the
     * fewest violations, the fewest certificates the server did not send, the shortest, and the
     * latest chain expiry.
     */
    private static Comparator<PathValidation> ranking(List<X509Certificate> presented) {
        Comparator<PathValidation> byCategory = Comparator.comparingInt(Analyzer::category);
        return byCategory
                .thenComparingInt(v -> v.violations().size())
                .thenComparingInt(v -> notSent(v, presented).size())
                .thenComparingInt(v -> v.path().size())
                .thenComparing(PathValidation::notAfter, Comparator.reverseOrder());
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
     * material. A self-signed anchor at the top need not be sent (RFC 8446 section 4.4.2 lets
     * the server omit it), so it never counts.
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
            PathValidation best, List<X509Certificate> presented, SignatureCheck signatures) {
        X509Certificate leaf = presented.get(0);
        if (best.verified()) {
            List<X509Certificate> missing = notSent(best, presented);
            if (missing.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Finding(FindingCode.INCOMPLETE_CHAIN,
                    "the server did not send " + missing.stream()
                            .map(Describe::name)
                            .collect(Collectors.joining(", "))
                            + "; the path was completed from the trust material"));
        }
        if (signatures.selfSigned(leaf)) {
            return Optional.of(new Finding(FindingCode.SELF_SIGNED,
                    "leaf " + Describe.name(leaf) + " is self-signed and not a trust anchor"));
        }
        Violation reason = best.structural().get(0);
        return Optional.of(new Finding(FindingCode.UNTRUSTED,
                "no acceptable path to a trust anchor: " + reason.message()));
    }

    private static Optional<Finding> dateFinding(
            List<Violation> dates, PathRule rule, FindingCode code) {
        List<String> details = dates.stream()
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
        String covered = sans.isEmpty()
                ? "it has no subjectAltName DNS or IP entry (the CN is not used)"
                : "it covers " + String.join(", ", sans);
        return new Finding(FindingCode.HOSTNAME_MISMATCH,
                "leaf " + Describe.name(leaf) + " is not valid for " + checkedName + ": "
                        + covered);
    }

    /**
     * TLS 1.2 (RFC 5246 section 7.4.2) wants each certificate to certify the one before it. The
     * certificates the path uses must therefore come first and in path order; certificates the
     * path does not use may only follow them (those are extras, not disorder).
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
                return Optional.of(new Finding(FindingCode.CHAIN_ORDER,
                        "certificate " + (i + 1) + " of " + presented.size() + " ("
                                + Describe.name(presented.get(i))
                                + ") is out of order; the path is " + names(path)));
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
                extras.add(Describe.name(cert) + " (expired at "
                        + Describe.time(cert.getNotAfter().toInstant()) + ")");
            }
        }
        if (extras.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(FindingCode.EXPIRED_EXTRA_CERT,
                "the server sent " + String.join(", ", extras)
                        + ", which the path does not use"));
    }

    /**
     * The issuer chain the presented certificates form from the leaf: what chain expiry is
     * measured on when no path reaches a trust anchor.
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

    private static Optional<X509Certificate> issuerAmong(X509Certificate cert,
            List<X509Certificate> presented, List<X509Certificate> used,
            SignatureCheck signatures) {
        List<X509Certificate> named = presented.stream()
                .filter(c -> !used.contains(c))
                .filter(c -> c.getSubjectX500Principal().equals(cert.getIssuerX500Principal()))
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

    private static boolean endsInPublicRoot(List<X509Certificate> path, TrustMaterial trust) {
        X509Certificate top = path.get(path.size() - 1);
        return trust.anchors().stream()
                .anyMatch(a -> a.publicRoot() && a.certificate().equals(top));
    }

    private static String names(List<X509Certificate> certs) {
        return certs.stream().map(Describe::name).collect(Collectors.joining(" <- "));
    }
}
