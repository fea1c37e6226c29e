package io.certgauge.chain;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates one candidate path against RFC 5280 section 6.1 basics: signatures, issuer names, basic
 * constraints and path length, keyUsage of issuers, unrecognised critical extensions and validity
 * at a fixed time. It reports every violation instead of stopping at the first, so the caller can
 * prefer a path that fails on dates alone.
 *
 * <p>The trust anchor's own extensions count where present: a root that says it is not a CA, may
 * not sign certificates, or limits the path length is taken at its word (as OpenSSL does; section
 * 6.1.1 leaves anchor constraints to the implementation). A v1 root without extensions is accepted,
 * since old roots still in trust stores are built that way.
 *
 * <p>Not thread-safe (it shares the analysis' signature cache); one instance per analysis.
 */
final class PathValidator {

    private static final String BASIC_CONSTRAINTS_OID = "2.5.29.19";
    private static final int KEY_CERT_SIGN = 5;

    // Limitation: certificate policies, policy mappings, policy constraints and
    // inhibitAnyPolicy are recognised (so a critical one does not fail every private PKI) but
    // not enforced: no web PKI client asks for a policy, so no policy tree is built.
    private static final Set<String> RECOGNISED_CRITICAL =
            Set.of(
                    "2.5.29.14", // subjectKeyIdentifier
                    "2.5.29.15", // keyUsage
                    "2.5.29.17", // subjectAltName
                    "2.5.29.18", // issuerAltName
                    "2.5.29.19", // basicConstraints
                    "2.5.29.30", // nameConstraints
                    "2.5.29.31", // cRLDistributionPoints
                    "2.5.29.32", // certificatePolicies
                    "2.5.29.33", // policyMappings
                    "2.5.29.35", // authorityKeyIdentifier
                    "2.5.29.36", // policyConstraints
                    "2.5.29.37", // extKeyUsage
                    "2.5.29.54", // inhibitAnyPolicy
                    "1.3.6.1.5.5.7.1.1", // authorityInfoAccess
                    "1.3.6.1.5.5.7.1.24"); // TLS feature (RFC 7633)

    private final Instant now;
    private final SignatureCheck signatures;
    private final ValidationOptions options;
    private final Set<X509Certificate> publicAnchors;

    PathValidator(Instant now, SignatureCheck signatures) {
        this(now, signatures, ValidationOptions.DEFAULT, Set.of());
    }

    /**
     * @param publicAnchors the trust anchors marked public: paths that end in one are judged by the
     *     CA/Browser Forum profile too
     */
    PathValidator(
            Instant now,
            SignatureCheck signatures,
            ValidationOptions options,
            Set<X509Certificate> publicAnchors) {
        // RFC 5280 section 4.1.2.5 encodes validity to the second; a time within the second
        // of notAfter is still that second (floor), as the encoding can say no more.
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        this.signatures = signatures;
        this.options = options;
        this.publicAnchors = Set.copyOf(publicAnchors);
    }

    PathValidation validate(PathBuilder.Candidate candidate) {
        List<X509Certificate> path = candidate.certificates();
        boolean anchored = candidate.anchored();
        List<Violation> violations = new ArrayList<>();

        if (!anchored) {
            violations.add(unknownIssuer(path.get(path.size() - 1)));
        }
        for (int i = 0; i + 1 < path.size(); i++) {
            boolean issuerIsAnchor = anchored && i + 2 == path.size();
            checkLink(path.get(i), path.get(i + 1), issuerIsAnchor, violations);
        }
        checkPathLength(path, violations);
        checkCriticalExtensions(path, violations);
        boolean leafIsAnchor = anchored && path.size() == 1;
        if (!leafIsAnchor) {
            checkDepth(path, anchored, violations);
            KeyPurposes.check(path, anchored, options, violations);
            NameConstraints.check(path, anchored, violations);
            if (anchored && publicAnchors.contains(path.get(path.size() - 1))) {
                ServerProfile.check(path, violations);
            }
        }
        violations.addAll(dateViolations(path, anchored));

        return new PathValidation(path, anchored, violations);
    }

    /** The validity-period violations of every certificate on {@code path}, anchor included. */
    List<Violation> dateViolations(List<X509Certificate> path, boolean anchored) {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            X509Certificate cert = path.get(i);
            String who = Describe.role(path, i, anchored) + " " + Describe.name(cert);
            Instant notBefore = cert.getNotBefore().toInstant();
            Instant notAfter = cert.getNotAfter().toInstant();
            // RFC 5280 section 4.1.2.5: both ends of the validity period are inclusive.
            if (now.isAfter(notAfter)) {
                violations.add(
                        new Violation(
                                PathRule.EXPIRED,
                                cert,
                                who + " expired at " + Describe.time(notAfter)));
            } else if (now.isBefore(notBefore)) {
                violations.add(
                        new Violation(
                                PathRule.NOT_YET_VALID,
                                cert,
                                who + " is not valid before " + Describe.time(notBefore)));
            }
        }
        return violations;
    }

    private static Violation unknownIssuer(X509Certificate top) {
        String detail =
                Describe.selfIssued(top)
                        ? Describe.name(top) + " is self-signed and not a trust anchor"
                        : "no trust anchor or known certificate for issuer "
                                + top.getIssuerX500Principal().getName()
                                + " of "
                                + Describe.name(top);
        return new Violation(PathRule.UNKNOWN_ISSUER, top, detail);
    }

    private void checkLink(
            X509Certificate cert,
            X509Certificate issuer,
            boolean issuerIsAnchor,
            List<Violation> violations) {
        String link = Describe.name(issuer) + " issued " + Describe.name(cert);
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            violations.add(
                    new Violation(
                            PathRule.ISSUER_NAME,
                            cert,
                            "the issuer name of "
                                    + Describe.name(cert)
                                    + " is not the subject of "
                                    + Describe.name(issuer)));
        }
        if (!signatures.verifies(cert, issuer)) {
            violations.add(
                    new Violation(
                            PathRule.SIGNATURE,
                            cert,
                            "the signature on "
                                    + Describe.name(cert)
                                    + " does not verify with the key of "
                                    + Describe.name(issuer)));
        }
        boolean saysCa = issuer.getBasicConstraints() >= 0;
        boolean hasBasicConstraints = issuer.getExtensionValue(BASIC_CONSTRAINTS_OID) != null;
        if (!saysCa && (hasBasicConstraints || !issuerIsAnchor)) {
            violations.add(
                    new Violation(
                            PathRule.BASIC_CONSTRAINTS,
                            issuer,
                            link + " but is not a CA (basicConstraints cA is false or absent)"));
        }
        boolean[] keyUsage = issuer.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
            violations.add(
                    new Violation(
                            PathRule.KEY_USAGE,
                            issuer,
                            link + " but its keyUsage does not allow keyCertSign"));
        }
    }

    /**
     * RFC 5280 section 6.1.4 (l) and (m), walked from the top of the path down: each intermediate
     * that is not self-issued uses up one step of the smallest pathLenConstraint above it.
     */
    private static void checkPathLength(List<X509Certificate> path, List<Violation> violations) {
        int remaining = Integer.MAX_VALUE;
        X509Certificate limiter = null;
        int limit = 0;
        for (int i = path.size() - 1; i >= 1; i--) {
            X509Certificate cert = path.get(i);
            if (i < path.size() - 1 && !Describe.selfIssued(cert)) {
                if (remaining <= 0) {
                    violations.add(
                            new Violation(
                                    PathRule.PATH_LENGTH,
                                    cert,
                                    Describe.name(cert)
                                            + " exceeds the pathLenConstraint "
                                            + limit
                                            + " of "
                                            + Describe.name(limiter)));
                    return;
                }
                remaining--;
            }
            int pathLen = cert.getBasicConstraints();
            if (pathLen >= 0 && pathLen < remaining) {
                remaining = pathLen;
                limiter = cert;
                limit = pathLen;
            }
        }
    }

    /**
     * The caller's limit on intermediates. Self-issued intermediates (a CA's key rollover) do not
     * count, as they do not count against pathLenConstraint (RFC 5280 section 6.1.4).
     */
    private void checkDepth(
            List<X509Certificate> path, boolean anchored, List<Violation> violations) {
        int lastIntermediate = anchored ? path.size() - 2 : path.size() - 1;
        int intermediates = 0;
        for (int i = 1; i <= lastIntermediate; i++) {
            if (!Describe.selfIssued(path.get(i))) {
                intermediates++;
            }
        }
        if (intermediates > options.maxIntermediates()) {
            violations.add(
                    new Violation(
                            PathRule.CHAIN_DEPTH,
                            path.get(lastIntermediate),
                            "the path has "
                                    + intermediates
                                    + " intermediates, more than the "
                                    + options.maxIntermediates()
                                    + " allowed"));
        }
    }

    private static void checkCriticalExtensions(
            List<X509Certificate> path, List<Violation> violations) {
        for (X509Certificate cert : path) {
            Set<String> critical = cert.getCriticalExtensionOIDs();
            if (critical == null) {
                continue;
            }
            for (String oid : new TreeSet<>(critical)) {
                if (!RECOGNISED_CRITICAL.contains(oid)) {
                    violations.add(
                            new Violation(
                                    PathRule.CRITICAL_EXTENSION,
                                    cert,
                                    Describe.name(cert)
                                            + " has the unrecognised critical extension "
                                            + oid));
                }
            }
        }
    }
}
