package io.certgauge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certgauge.demo.Pki;
import io.certgauge.probe.IpFamily;
import io.certgauge.probe.StartTls;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetsTest {

    private static final Defaults DEFAULTS =
            new Defaults(
                    Duration.ofMinutes(5),
                    Duration.ofSeconds(3),
                    new Thresholds(20, 5, 0.5),
                    false);

    @Nested
    class ParseSpec {

        @ParameterizedTest(name = "{0} has id {1}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "www.example.co.jp                 | www.example.co.jp:443             "
                            + "| www.example.co.jp | www.example.co.jp | 443  |",
                    "例え.jp                           | 例え.jp:443                       "
                            + "| 例え.jp            | xn--r8jz45g.jp    | 443  |",
                    "mail.example.co.jp:587/submission | mail.example.co.jp:587/submission "
                            + "| mail.example.co.jp | mail.example.co.jp | 587 | SUBMISSION",
                    "mail.example.co.jp/smtp           | mail.example.co.jp:25/smtp        "
                            + "| mail.example.co.jp | mail.example.co.jp | 25  | SMTP",
                    "db.example.co.jp/postgres         | db.example.co.jp:5432/postgres    "
                            + "| db.example.co.jp   | db.example.co.jp   | 5432 | POSTGRES",
                    "10.0.0.5:8443                     | 10.0.0.5:8443                     "
                            + "| 10.0.0.5          | 10.0.0.5          | 8443 |",
                    "[::1]:8443/smtp                   | [::1]:8443/smtp                   "
                            + "| ::1               | ::1               | 8443 | SMTP",
                    "[2001:db8::10]                    | [2001:db8::10]:443                "
                            + "| 2001:db8::10      | 2001:db8::10      | 443  |",
                    "::1                               | [::1]:443                         "
                            + "| ::1               | ::1               | 443  |",
                    "MAIL.Example.co.jp:0465           | MAIL.Example.co.jp:465            "
                            + "| MAIL.Example.co.jp | mail.example.co.jp | 465 |",
                })
        void formsTheIdFromHostPortAndProtocol(
                String spec,
                String id,
                String host,
                String asciiHost,
                int port,
                StartTls starttls) {
            Target target = Targets.parseSpec(spec, DEFAULTS);

            assertThat(target.id()).isEqualTo(id);
            assertThat(target.host()).isEqualTo(host);
            assertThat(target.asciiHost()).isEqualTo(asciiHost);
            assertThat(target.port()).isEqualTo(port);
            assertThat(target.starttls()).isEqualTo(starttls);
        }

        @Test
        void appliesTheGivenDefaults() {
            Target target = Targets.parseSpec("www.example.co.jp", DEFAULTS);

            assertThat(target.interval()).isEqualTo(Duration.ofMinutes(5));
            assertThat(target.timeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(target.thresholds()).isEqualTo(new Thresholds(20, 5, 0.5));
            assertThat(target.revocation()).isFalse();
            assertThat(target.ipFamily()).isEqualTo(IpFamily.ANY);
            assertThat(target.labels()).isEmpty();
            assertThat(target.line()).isZero();
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "www.example.co.jp:44x3 | \"44x3\" is not a port number; write a number from 1"
                            + " to 65535",
                    "www.example.co.jp:0    | \"0\" is not a port number",
                    "www.example.co.jp:     | \"\" is not a port number",
                    "www.example.co.jp/smtps | \"smtps\" is not a STARTTLS protocol; write one of"
                            + " smtp, submission, imap, pop3, ftp, ldap, xmpp, postgres, mysql",
                    "www example.co.jp      | \"www example.co.jp\" is not a valid host name",
                    "www.example.co.jp.     | \"www.example.co.jp.\" is not a valid host name",
                    "10.0.0.256             | \"10.0.0.256\" is not a valid host name",
                    "[::1                   | \"[::1\" is not an IPv6 address in brackets",
                    "[zz::1]:443            | \"[zz::1]\" is not an IPv6 address in brackets",
                    "a:b:c                  | \"a:b:c\" is not a host name or an IP address",
                    "'  '                   | the target is empty; write host[:port][/starttls]",
                })
        void rejectsABadPartNamingIt(String spec, String message) {
            assertThatThrownBy(() -> Targets.parseSpec(spec, DEFAULTS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(message);
        }

        @Test
        void quotesOnlyTheStartOfAVeryLongBadValue() {
            String pasted = "x".repeat(70_000) + ":port";

            assertThatThrownBy(() -> Targets.parseSpec(pasted, DEFAULTS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("x".repeat(80) + "…\" (70000 characters)")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
        }

        @Test
        void rejectsAnInvalidInternationalizedName() {
            String tooLong = "あ".repeat(64) + ".jp";

            assertThatThrownBy(() -> Targets.parseSpec(tooLong, DEFAULTS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a valid internationalized host name");
        }
    }

    @Nested
    class AdHoc {

        @ParameterizedTest(name = "{0} {1} {3} has id {4}")
        @CsvSource({
            "例え.jp, , , , 例え.jp:443",
            "10.0.0.5, 8443, , , 10.0.0.5:8443",
            "::1, , , smtp, [::1]:25/smtp",
            "[::1], 8443, , , [::1]:8443",
            "mail.example.co.jp, , , submission, mail.example.co.jp:587/submission",
            "mail.example.co.jp, 2525, , SMTP, mail.example.co.jp:2525/smtp",
            "10.0.0.5, , intranet.example.co.jp, , 10.0.0.5:443",
            "10.0.0.5, , , '', 10.0.0.5:443",
        })
        void formsTheSameIdsAsTheTargetsFile(
                String host, Integer port, String sni, String starttls, String id) {
            Target target = Targets.adHoc(host, port, sni, starttls, DEFAULTS);

            assertThat(target.id()).isEqualTo(id);
        }

        @Test
        void sendsTheSniWhenSetEvenToAnAddress() {
            Target target = Targets.adHoc("10.0.0.5", null, "例え.jp", null, DEFAULTS);

            assertThat(target.sni()).isEqualTo("例え.jp");
            assertThat(target.sniToSend()).isEqualTo("xn--r8jz45g.jp");
            assertThat(target.checkedName()).isEqualTo("例え.jp");
        }

        @ParameterizedTest(name = "{0} {1} {2} {3}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "www.example.co.jp      | 0     |                        |       "
                            + "| \"0\" is not a port number",
                    "www.example.co.jp      | 70000 |                        |       "
                            + "| \"70000\" is not a port number",
                    "www.example.co.jp:443  |       |                        |       |"
                        + " \"www.example.co.jp:443\" is not a host name or an IP address; give the"
                        + " port separately",
                    "www.example.co.jp      |       | 10.0.0.1               |       | \"10.0.0.1\""
                            + " is an IP address; SNI carries host names only (RFC 6066",
                    "www.example.co.jp      |       |                        | smtps "
                            + "| \"smtps\" is not a STARTTLS protocol",
                    "''                     |       |                        |       "
                            + "| the host is empty",
                })
        void rejectsABadArgumentReadably(
                String host, Integer port, String sni, String starttls, String message) {
            assertThatThrownBy(() -> Targets.adHoc(host, port, sni, starttls, DEFAULTS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(message);
        }
    }

    @Nested
    class WithCaFile {

        @TempDir Path dir;

        @Test
        void keepsTheAbsolutePathOfAFileOfCertificates() {
            Path ca =
                    Pki.writePem(
                            dir.resolve("ca.pem"),
                            Pki.root("Ad-hoc Test CA").issue().certificate());
            Target target = Targets.parseSpec("intranet.example.co.jp", DEFAULTS);

            Target withCa = Targets.withCaFile(target, ca);

            assertThat(withCa.caFile()).isEqualTo(ca.toAbsolutePath());
            assertThat(withCa)
                    .usingRecursiveComparison()
                    .ignoringFields("caFile")
                    .isEqualTo(target);
        }

        @Test
        void rejectsAMissingFile() {
            Target target = Targets.parseSpec("intranet.example.co.jp", DEFAULTS);

            assertThatThrownBy(() -> Targets.withCaFile(target, dir.resolve("none.pem")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("none.pem\" does not exist");
        }
    }
}
