package io.certgauge.chain;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enumerates candidate certification paths from a leaf upwards, depth first. Candidates are the
 * presented certificates, the trust material's known intermediates and its anchors; a certificate
 * may follow another when its subject is the other's issuer name (RFC 5280 section 7.1 comparison,
 * via {@link X500Principal#equals}) and their key identifiers do not contradict. Signatures and
 * every other rule are the {@link PathValidator}'s job, so a path that breaks one can still be
 * reported with the rule it breaks.
 *
 * <p>A path ends at the first certificate that is itself a trust anchor (anchored), or where no
 * further issuer is known (a dead end, kept so "unknown issuer" can be reported). The search is
 * bounded in depth, in links followed and in candidates collected, so a server that sends hundreds
 * of mutually cross-signed certificates cannot make it run long. Not thread-safe; one instance per
 * analysis.
 */
final class PathBuilder {

    /** Longest path in certificates, leaf and anchor included; real web PKI paths have 2 to 4. */
    static final int MAX_PATH_LENGTH = 10;

    /** Most anchored candidate paths collected; the search stops there. */
    static final int MAX_CANDIDATES = 64;

    /** Most dead ends kept for diagnosis; more are explored but not kept. */
    static final int MAX_DEAD_ENDS = 16;

    /** Most issuer links followed in one search. */
    static final int MAX_LINKS = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(PathBuilder.class);

    /** A path from the leaf upwards, and whether its last certificate is a trust anchor. */
    record Candidate(List<X509Certificate> certificates, boolean anchored) {
        Candidate {
            certificates = List.copyOf(certificates);
        }
    }

    /**
     * A subject name with a public key: the thing a path must not visit twice. Comparing
     * certificates alone would let two cross-signs of the same CAs loop forever.
     */
    private record Entity(X500Principal subject, ByteBuffer key) {
        static Entity of(X509Certificate cert) {
            return new Entity(
                    cert.getSubjectX500Principal(),
                    ByteBuffer.wrap(cert.getPublicKey().getEncoded()));
        }
    }

    private final Set<X509Certificate> anchors;
    private final Set<X500Principal> anchorSubjects = new HashSet<>();
    private final Set<X509Certificate> presented;
    private final Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();
    private final List<Candidate> found = new ArrayList<>();
    private int anchored;
    private int deadEnds;
    private int links;

    PathBuilder(List<X509Certificate> presented, TrustMaterial trust) {
        this.anchors = new HashSet<>();
        this.presented = new HashSet<>(presented);
        Set<X509Certificate> pool = new LinkedHashSet<>();
        for (TrustMaterial.Anchor anchor : trust.anchors()) {
            anchors.add(anchor.certificate());
            anchorSubjects.add(anchor.certificate().getSubjectX500Principal());
            pool.add(anchor.certificate());
        }
        pool.addAll(presented);
        pool.addAll(trust.intermediates());
        for (X509Certificate cert : pool) {
            bySubject
                    .computeIfAbsent(cert.getSubjectX500Principal(), k -> new ArrayList<>())
                    .add(cert);
        }
    }

    /** Every candidate path from {@code leaf}, within the bounds; never empty. */
    List<Candidate> build(X509Certificate leaf) {
        found.clear();
        anchored = 0;
        deadEnds = 0;
        links = 0;
        List<X509Certificate> path = new ArrayList<>(List.of(leaf));
        Set<Entity> onPath = new HashSet<>(Set.of(Entity.of(leaf)));

        extend(path, onPath);

        if (exhausted()) {
            LOG.debug(
                    "path search from {} stopped at its bounds: {} anchored paths, {} links",
                    Describe.name(leaf),
                    anchored,
                    links);
        }
        if (found.isEmpty()) {
            found.add(new Candidate(List.of(leaf), anchors.contains(leaf)));
        }
        return List.copyOf(found);
    }

    /**
     * Certificates in the pool that may have issued {@code cert}, in search order: anchors, then
     * certificates an anchor's name issued, then what the server sent, then known intermediates
     * (which make a path incomplete). Trying the likely ends first finds the usual short trusted
     * path before the bounds could cut the search.
     */
    List<X509Certificate> issuersOf(X509Certificate cert) {
        List<X509Certificate> named =
                bySubject.getOrDefault(cert.getIssuerX500Principal(), List.of());
        List<X509Certificate> issuers = new ArrayList<>();
        for (X509Certificate candidate : named) {
            if (KeyIdentifiers.mayHaveIssued(candidate, cert)) {
                issuers.add(candidate);
            }
        }
        issuers.sort(Comparator.comparingInt(this::searchRank));
        return issuers;
    }

    private int searchRank(X509Certificate cert) {
        if (anchors.contains(cert)) {
            return 0;
        }
        if (anchorSubjects.contains(cert.getIssuerX500Principal())) {
            return 1;
        }
        return presented.contains(cert) ? 2 : 3;
    }

    private void extend(List<X509Certificate> path, Set<Entity> onPath) {
        X509Certificate top = path.get(path.size() - 1);
        if (anchors.contains(top)) {
            found.add(new Candidate(path, true));
            anchored++;
            return;
        }

        boolean extended = false;
        if (path.size() < MAX_PATH_LENGTH) {
            for (X509Certificate issuer : issuersOf(top)) {
                if (exhausted()) {
                    return;
                }
                Entity entity = Entity.of(issuer);
                if (onPath.contains(entity)) {
                    continue; // a loop (RFC 5280 section 6.1: no certificate appears twice)
                }
                links++;
                extended = true;
                path.add(issuer);
                onPath.add(entity);
                extend(path, onPath);
                path.remove(path.size() - 1);
                onPath.remove(entity);
            }
        }

        if (!extended && !exhausted() && deadEnds < MAX_DEAD_ENDS) {
            found.add(new Candidate(path, false));
            deadEnds++;
        }
    }

    // Limitation: past the bounds, a trusted path later in search order is not found; the
    // search order makes that unlikely for anything but deliberately hostile chains.
    private boolean exhausted() {
        return anchored >= MAX_CANDIDATES || links >= MAX_LINKS;
    }
}
