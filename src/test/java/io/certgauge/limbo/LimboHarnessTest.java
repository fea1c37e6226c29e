package io.certgauge.limbo;

import static io.certgauge.demo.Pki.days;
import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.chain.ValidationOptions;
import io.certgauge.demo.Pki;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LimboHarnessTest {

    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    static final Pki.Issued ROOT =
            Pki.root("Harness Root").validFrom(T0).validFor(days(3650)).issue();
    static final Pki.Issued CA =
            Pki.intermediate("Harness CA", ROOT).validFrom(T0).validFor(days(1825)).issue();
    static final Pki.Issued LEAF =
            Pki.leaf("www.example.test").issuedBy(CA).validFrom(T0).validFor(days(90)).issue();

    static LimboCase testcase(String time, String peerName, Integer depth, String expected) {
        return new LimboCase(
                "rfc5280::harness",
                "",
                List.of(),
                "SERVER",
                List.of(Pki.pem(ROOT.certificate())),
                List.of(Pki.pem(CA.certificate())),
                Pki.pem(LEAF.certificate()),
                time,
                expected,
                peerName == null ? null : new LimboCase.PeerName("DNS", peerName),
                depth,
                List.of(),
                List.of(),
                List.of());
    }

    @Nested
    class Grading {

        @Test
        void chainThroughThePoolAtTheValidationTimeIsAccepted() {
            LimboCase tc = testcase("2026-06-10T00:00:00Z", "www.example.test", null, "SUCCESS");

            LimboHarness.Grade grade = LimboHarness.grade(tc);

            assertThat(grade.accepted()).isTrue();
            assertThat(grade.agrees()).isTrue();
            assertThat(grade.said()).isEqualTo("valid");
        }

        @Test
        void validationTimeAfterTheLeafExpiredIsARejection() {
            LimboCase tc =
                    testcase("2026-12-01T00:00:00+00:00", "www.example.test", null, "SUCCESS");

            LimboHarness.Grade grade = LimboHarness.grade(tc);

            assertThat(grade.accepted()).isFalse();
            assertThat(grade.said()).startsWith("expired: leaf CN=www.example.test expired");
        }

        @Test
        void otherPeerNameIsARejection() {
            LimboCase tc = testcase("2026-06-10T00:00:00Z", "api.example.test", null, "FAILURE");

            LimboHarness.Grade grade = LimboHarness.grade(tc);

            assertThat(grade.agrees()).isTrue();
            assertThat(grade.said()).startsWith("hostname_mismatch:");
        }

        @Test
        void noPeerNameLeavesTheNameUnchecked() {
            LimboCase tc = testcase("2026-06-10T00:00:00Z", null, null, "SUCCESS");

            assertThat(LimboHarness.grade(tc).accepted()).isTrue();
        }

        @Test
        void maxChainDepthBelowTheIntermediatesNeededIsARejection() {
            LimboCase tc = testcase("2026-06-10T00:00:00Z", "www.example.test", 0, "FAILURE");

            LimboHarness.Grade grade = LimboHarness.grade(tc);

            assertThat(grade.accepted()).isFalse();
            assertThat(grade.said()).contains("chain depth");
        }

        @Test
        void certificateTheJdkCannotParseIsARejectionThatSaysSo() {
            LimboCase broken =
                    new LimboCase(
                            "invalid::broken",
                            "",
                            List.of(),
                            "SERVER",
                            List.of(),
                            List.of(),
                            "-----BEGIN CERTIFICATE-----\nAAAA\n" + "-----END CERTIFICATE-----\n",
                            null,
                            "FAILURE",
                            null,
                            null,
                            List.of(),
                            List.of(),
                            List.of());

            LimboHarness.Grade grade = LimboHarness.grade(broken);

            assertThat(grade.accepted()).isFalse();
            assertThat(grade.said()).startsWith("the JDK cannot parse a certificate");
        }
    }

    @Nested
    class Options {

        @Test
        void testcaseConstraintsBecomeValidationOptions() {
            LimboCase tc =
                    new LimboCase(
                            "pathlen::x",
                            "",
                            List.of(),
                            "SERVER",
                            List.of(),
                            List.of(),
                            "",
                            null,
                            "SUCCESS",
                            null,
                            1,
                            List.of("digitalSignature"),
                            List.of("clientAuth"),
                            List.of());

            ValidationOptions options = LimboHarness.options(tc);

            assertThat(options.maxIntermediates()).isEqualTo(1);
            assertThat(options.leafKeyUsages())
                    .containsExactly(ValidationOptions.KeyUsage.DIGITAL_SIGNATURE);
            assertThat(options.leafExtendedKeyUsages()).isEqualTo(Set.of("1.3.6.1.5.5.7.3.2"));
        }

        @Test
        void testcaseWithoutConstraintsGetsTheServerDefaults() {
            LimboCase tc = testcase(null, "www.example.test", null, "SUCCESS");

            assertThat(LimboHarness.options(tc)).isEqualTo(ValidationOptions.DEFAULT);
        }
    }

    @Nested
    class Families {

        @Test
        void betterTlsCasesAreGroupedByTheirSuite() {
            LimboCase nc =
                    new LimboCase(
                            "bettertls::nameconstraints::tc7",
                            "",
                            null,
                            "SERVER",
                            null,
                            null,
                            "",
                            null,
                            "SUCCESS",
                            null,
                            null,
                            null,
                            null,
                            null);
            LimboCase own =
                    new LimboCase(
                            "rfc5280::nc::permitted-dns-match",
                            "",
                            null,
                            "SERVER",
                            null,
                            null,
                            "",
                            null,
                            "SUCCESS",
                            null,
                            null,
                            null,
                            null,
                            null);

            assertThat(nc.family()).isEqualTo("bettertls::nameconstraints");
            assertThat(nc.limboOwn()).isFalse();
            assertThat(own.family()).isEqualTo("rfc5280");
            assertThat(own.limboOwn()).isTrue();
            assertThat(own.features()).isEmpty();
        }
    }
}
