package io.certgauge.limbo;

import static io.certgauge.demo.Pki.days;
import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.chain.Finding;
import io.certgauge.chain.FindingCode;
import io.certgauge.demo.Pki;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How the harness hands a testcase's CRLs to the Analyzer and grades what comes back. */
class LimboHarnessCrlTest {

    static final Instant T0 = LimboHarnessTest.T0;
    static final String TIME = "2026-06-10T00:00:00Z";
    static final String NAME = "www.example.test";
    static final Pki.Issued ROOT = LimboHarnessTest.ROOT;
    static final Pki.Issued CA = LimboHarnessTest.CA;
    static final Pki.Issued LEAF = LimboHarnessTest.LEAF;
    static final Pki.Issued OTHER_CA =
            Pki.intermediate("Other Harness CA", ROOT).validFrom(T0).validFor(days(1825)).issue();

    /** A PEM CRL by {@code signer}, current at {@link #TIME}, listing {@code listed}. */
    static String crl(Pki.Issued signer, boolean withNumber, BigInteger... listed) {
        try {
            X509v2CRLBuilder builder =
                    new X509v2CRLBuilder(
                            X500Name.getInstance(
                                    signer.certificate().getSubjectX500Principal().getEncoded()),
                            Date.from(T0.plus(days(8))));
            builder.setNextUpdate(Date.from(T0.plus(days(15))));
            for (BigInteger serial : listed) {
                builder.addCRLEntry(serial, Date.from(T0.plus(days(5))), CRLReason.keyCompromise);
            }
            if (withNumber) {
                builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
            }
            byte[] der =
                    builder.build(
                                    new JcaContentSignerBuilder("SHA256withECDSA")
                                            .build(signer.privateKey()))
                            .getEncoded();
            return "-----BEGIN X509 CRL-----\n"
                    + Base64.getMimeEncoder().encodeToString(der)
                    + "\n-----END X509 CRL-----\n";
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a CRL", e);
        }
    }

    static LimboCase testcase(String expected, String... crls) {
        return new LimboCase(
                "crl::harness",
                "",
                List.of("has-crl"),
                "SERVER",
                List.of(Pki.pem(ROOT.certificate())),
                List.of(Pki.pem(CA.certificate())),
                Pki.pem(LEAF.certificate()),
                TIME,
                expected,
                new LimboCase.PeerName("DNS", NAME),
                null,
                List.of(),
                List.of(),
                List.of(crls));
    }

    static BigInteger leafSerial() {
        return LEAF.certificate().getSerialNumber();
    }

    @Nested
    class Grading {

        @Test
        void crlThatRevokesTheLeafIsARejection() {
            LimboCase tc = testcase("FAILURE", crl(CA, true, leafSerial()));

            LimboHarness.Grade grade = LimboHarness.grade(tc);

            assertThat(grade.accepted()).isFalse();
            assertThat(grade.agrees()).isTrue();
            assertThat(grade.said()).startsWith("revoked: leaf CN=" + NAME);
        }

        @Test
        void crlThatDoesNotListTheLeafIsAccepted() {
            LimboCase tc = testcase("SUCCESS", crl(CA, true, leafSerial().add(BigInteger.ONE)));

            LimboHarness.Grade grade = LimboHarness.grade(tc);

            assertThat(grade.accepted()).isTrue();
            assertThat(grade.said()).isEqualTo("valid");
        }

        @Test
        void crlOfAnotherIssuerListingTheSerialIsIgnored() {
            LimboCase tc =
                    testcase(
                            "SUCCESS",
                            crl(OTHER_CA, true, leafSerial()),
                            crl(CA, true, BigInteger.TEN));

            LimboHarness.Grade grade = LimboHarness.grade(tc);

            assertThat(grade.accepted()).isTrue();
        }

        @Test
        void crlThatCannotEstablishTheStatusIsARejection() {
            LimboCase tc = testcase("FAILURE", crl(CA, false, leafSerial()));

            LimboHarness.Grade grade = LimboHarness.grade(tc);

            assertThat(grade.accepted()).isFalse();
            assertThat(grade.said())
                    .startsWith("revocation_unknown: ")
                    .contains("the CRL has no cRLNumber");
        }

        @Test
        void crlTheJdkCannotParseIsARejectionThatSaysSo() {
            LimboCase tc =
                    testcase("FAILURE", "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n");

            LimboHarness.Grade grade = LimboHarness.grade(tc);

            assertThat(grade.accepted()).isFalse();
            assertThat(grade.said()).startsWith("the JDK cannot parse a CRL");
        }
    }

    @Nested
    class Rejects {

        @Test
        void revocationUnknownRejectsOnlyWhenCrlsWereSupplied() {
            Finding unknown = new Finding(FindingCode.REVOCATION_UNKNOWN, "no usable answer");

            assertThat(LimboHarness.rejects(unknown, true)).isTrue();
            assertThat(LimboHarness.rejects(unknown, false)).isFalse();
        }

        @Test
        void incompleteChainNeverRejectsAndRevokedAlwaysDoes() {
            Finding incomplete = new Finding(FindingCode.INCOMPLETE_CHAIN, "sent no intermediate");
            Finding revoked = new Finding(FindingCode.REVOKED, "listed");

            assertThat(LimboHarness.rejects(incomplete, true)).isFalse();
            assertThat(LimboHarness.rejects(revoked, false)).isTrue();
        }

        @Test
        void otherWarningsNeverReject() {
            Finding order = new Finding(FindingCode.CHAIN_ORDER, "out of order");

            assertThat(LimboHarness.rejects(order, true)).isFalse();
        }
    }
}
