package io.certgauge.chain;

import static io.certgauge.demo.Pki.days;
import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.demo.Pki;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathBuilderTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final Pki.Issued root = Pki.root("Root").validFrom(T0).validFor(days(3650)).issue();
    final Pki.Issued inter = Pki.intermediate("Inter", root).validFrom(T0).issue();
    final Pki.Issued leaf = Pki.leaf("www.example.test").issuedBy(inter).validFrom(T0).issue();

    static TrustMaterial anchors(Pki.Issued... roots) {
        List<TrustMaterial.Anchor> list = new ArrayList<>();
        for (Pki.Issued r : roots) {
            list.add(new TrustMaterial.Anchor(r.certificate(), false));
        }
        return new TrustMaterial(list, List.of());
    }

    @Test
    void sentChainEndsAtTheAnchor() {
        List<X509Certificate> presented = List.of(leaf.certificate(), inter.certificate());

        List<PathBuilder.Candidate> candidates =
                new PathBuilder(presented, anchors(root)).build(leaf.certificate());

        assertThat(candidates)
                .containsExactly(
                        new PathBuilder.Candidate(
                                List.of(
                                        leaf.certificate(),
                                        inter.certificate(),
                                        root.certificate()),
                                true));
    }

    @Test
    void unknownIssuerLeavesADeadEnd() {
        List<X509Certificate> presented = List.of(leaf.certificate(), inter.certificate());

        List<PathBuilder.Candidate> candidates =
                new PathBuilder(presented, TrustMaterial.empty()).build(leaf.certificate());

        assertThat(candidates)
                .containsExactly(
                        new PathBuilder.Candidate(
                                List.of(leaf.certificate(), inter.certificate()), false));
    }

    @Test
    void issuerWhoseKeyIdentifierContradictsTheAuthorityKeyIdentifierIsSkipped() {
        Pki.Issued impostor = Pki.intermediate("Inter", root).validFrom(T0).issue();
        List<X509Certificate> presented = List.of(leaf.certificate(), impostor.certificate());

        List<X509Certificate> issuers =
                new PathBuilder(presented, anchors(root)).issuersOf(leaf.certificate());

        assertThat(issuers).isEmpty();
    }

    @Test
    void anchorsAreTriedBeforeSentAndKnownCertificates() {
        Pki.Issued rootCross =
                Pki.intermediate("Root", Pki.root("Old").validFrom(T0).issue())
                        .keyPair(root.keyPair())
                        .validFrom(T0)
                        .issue();
        List<X509Certificate> presented = List.of(leaf.certificate(), rootCross.certificate());

        List<X509Certificate> issuers =
                new PathBuilder(presented, anchors(root)).issuersOf(inter.certificate());

        assertThat(issuers).containsExactly(root.certificate(), rootCross.certificate());
    }

    @Test
    void hostileMeshYieldsABoundedNumberOfCandidates() {
        List<Pki.Issued> cas = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cas.add(Pki.root("Mesh " + i).validFrom(T0).issue());
        }
        List<X509Certificate> presented = new ArrayList<>();
        X509Certificate meshLeaf =
                Pki.leaf("www.example.test").issuedBy(cas.get(0)).issue().certificate();
        presented.add(meshLeaf);
        for (int s = 0; s < cas.size(); s++) {
            for (int i = 0; i < cas.size(); i++) {
                if (s != i) {
                    presented.add(
                            Pki.intermediate("Mesh " + s, cas.get(i))
                                    .keyPair(cas.get(s).keyPair())
                                    .issue()
                                    .certificate());
                }
            }
        }

        List<PathBuilder.Candidate> candidates =
                new PathBuilder(presented, anchors(root)).build(meshLeaf);

        assertThat(candidates)
                .hasSizeLessThanOrEqualTo(PathBuilder.MAX_CANDIDATES + PathBuilder.MAX_DEAD_ENDS)
                .allSatisfy(
                        c ->
                                assertThat(c.certificates())
                                        .hasSizeLessThanOrEqualTo(PathBuilder.MAX_PATH_LENGTH));
    }
}
