package io.certgauge.chain;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Rules about a leaf's lifetime: when renewal is overdue, and the CA/Browser Forum's maximum
 * validity period for certificates that chain to a public root.
 *
 * <p>A lifetime is measured as {@code notAfter - notBefore}. The Baseline Requirements (section
 * 6.3.2) count the period inclusively, one second longer; tools that issue "N days" commonly set
 * {@code notAfter = notBefore + N days}, and flagging those for one second would be noise. So a
 * certificate of exactly N days is within an N-day limit, and anything longer, even by a second, is
 * not.
 */
final class LifetimePolicy {

    /** Renewal is watched for lifetimes up to and including this. */
    static final Duration RENEWAL_WATCHED_LIFETIME = Duration.ofDays(100);

    // CA/Browser Forum ballot SC-081: the limit that applies is the one in force at notBefore,
    // each step starting at 00:00 UTC of the date named.
    private static final Instant LIMIT_200_FROM = Instant.parse("2026-03-15T00:00:00Z");
    private static final Instant LIMIT_100_FROM = Instant.parse("2027-03-15T00:00:00Z");
    private static final Instant LIMIT_47_FROM = Instant.parse("2029-03-15T00:00:00Z");

    private LifetimePolicy() {}

    /** The longest lifetime the Baseline Requirements allow a leaf issued at {@code notBefore}. */
    static Duration maxLifetime(Instant notBefore) {
        if (notBefore.isBefore(LIMIT_200_FROM)) {
            return Duration.ofDays(398);
        }
        if (notBefore.isBefore(LIMIT_100_FROM)) {
            return Duration.ofDays(200);
        }
        if (notBefore.isBefore(LIMIT_47_FROM)) {
            return Duration.ofDays(100);
        }
        return Duration.ofDays(47);
    }

    static Duration lifetime(X509Certificate cert) {
        return Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
    }

    /**
     * {@code renewal_overdue}: a lifetime of at most 100 days with less than a quarter of it left.
     * Nothing outside the validity period: an expired leaf is {@code expired}'s business.
     */
    static Optional<Finding> renewalOverdue(X509Certificate leaf, Instant now) {
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        Duration lifetime = lifetime(leaf);
        if (lifetime.compareTo(RENEWAL_WATCHED_LIFETIME) > 0
                || now.isAfter(notAfter)
                || now.isBefore(notBefore)) {
            return Optional.empty();
        }

        Duration left = Duration.between(now, notAfter);
        if (left.multipliedBy(4).compareTo(lifetime) >= 0) {
            return Optional.empty();
        }

        Instant renewBy = notAfter.minus(lifetime.dividedBy(4));
        return Optional.of(
                new Finding(
                        FindingCode.RENEWAL_OVERDUE,
                        "leaf "
                                + Describe.name(leaf)
                                + " has "
                                + Describe.days(days(left))
                                + " days left of a "
                                + Describe.days(days(lifetime))
                                + "-day lifetime; it should have been renewed before "
                                + Describe.time(renewBy)));
    }

    /** {@code lifetime_too_long}, for a leaf whose path ends in a public root. */
    static Optional<Finding> lifetimeTooLong(X509Certificate leaf) {
        Instant notBefore = leaf.getNotBefore().toInstant();
        Duration lifetime = lifetime(leaf);
        Duration allowed = maxLifetime(notBefore);
        if (lifetime.compareTo(allowed) <= 0) {
            return Optional.empty();
        }
        return Optional.of(
                new Finding(
                        FindingCode.LIFETIME_TOO_LONG,
                        "leaf "
                                + Describe.name(leaf)
                                + " is valid for "
                                + Describe.days(days(lifetime))
                                + " days; the CA/Browser Forum allows "
                                + allowed.toDays()
                                + " days for certificates issued "
                                + Describe.time(notBefore)));
    }

    private static double days(Duration duration) {
        return duration.getSeconds() / 86_400.0;
    }
}
