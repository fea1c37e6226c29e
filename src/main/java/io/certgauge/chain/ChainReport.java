package io.certgauge.chain;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The Analyzer's verdict on one presented chain.
 *
 * @param presented the chain as the server sent it; position 0 is the leaf
 * @param path the certification path used for chain expiry, leaf first and the trust anchor last
 *     when one was reached: the validated path when it exists, else the issuer chain the presented
 *     certificates form from the leaf
 * @param verified a path to a trust anchor exists, dates aside
 * @param hostnameMatch the leaf is valid for the checked name (RFC 6125, SAN only)
 * @param publicRoot the path ends in a root marked public
 * @param findings every finding, one code per problem, in {@link FindingCode} order
 * @param chainNotAfter the earliest notAfter on {@code path}, the trust anchor included
 * @param revocation the leaf's revocation answers in the order asked (staple, OCSP, CRL); empty
 *     when nothing was checked
 * @param stapleNextUpdate the stapled OCSP response's nextUpdate when the server stapled one that
 *     could be read, usable or not; else {@code null}
 */
public record ChainReport(
        List<X509Certificate> presented,
        List<X509Certificate> path,
        boolean verified,
        boolean hostnameMatch,
        boolean publicRoot,
        List<Finding> findings,
        Instant chainNotAfter,
        List<RevocationAnswer> revocation,
        Instant stapleNextUpdate) {

    public ChainReport {
        presented = List.copyOf(presented);
        path = List.copyOf(path);
        findings = List.copyOf(findings);
        revocation = List.copyOf(revocation);
    }

    /** A report without revocation data. */
    public ChainReport(
            List<X509Certificate> presented,
            List<X509Certificate> path,
            boolean verified,
            boolean hostnameMatch,
            boolean publicRoot,
            List<Finding> findings,
            Instant chainNotAfter) {
        this(
                presented,
                path,
                verified,
                hostnameMatch,
                publicRoot,
                findings,
                chainNotAfter,
                List.of(),
                null);
    }

    public X509Certificate leaf() {
        return presented.get(0);
    }

    public Instant leafNotAfter() {
        return leaf().getNotAfter().toInstant();
    }

    public Instant leafNotBefore() {
        return leaf().getNotBefore().toInstant();
    }

    /** No finding of severity error. */
    public boolean valid() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    public boolean has(FindingCode code) {
        return findings.stream().anyMatch(f -> f.code() == code);
    }
}
