package io.certgauge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.certgauge.demo.Pki;
import io.certgauge.probe.IpFamily;
import io.certgauge.probe.StartTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

    @TempDir Path dir;

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private List<String> problemsOf(Path file) {
        ConfigException e =
                catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e).as("a ConfigException").isNotNull();
        return e.problems().stream().map(ConfigProblem::format).toList();
    }

    @Nested
    class FullExample {

        private Config config;

        @BeforeEach
        void load() throws Exception {
            Pki.writePem(
                    dir.resolve("private-ca.pem"),
                    Pki.root("Example Private CA").issue().certificate());
            Path file =
                    write(
                            "targets.yaml",
                            "defaults: {interval: 30m, timeout: 5s, warning_days: 21,"
                                    + " critical_days: 7, emergency_days: 0.5}",
                            "concurrency: 16",
                            "targets:",
                            "  - www.example.co.jp                 # string form",
                            "  - 例え.jp",
                            "  - host: mail.example.co.jp",
                            "    port: 587",
                            "    starttls: smtp",
                            "    labels: {owner: infra-team, department: 情報システム部, env: no,"
                                    + " tier: 1.10, active: on}",
                            "  - host: 10.0.0.5",
                            "    sni: intranet.example.co.jp",
                            "    ca_file: private-ca.pem",
                            "    name: intranet",
                            "    private: true",
                            "    revocation: off",
                            "    warning_days: 60",
                            "  - host: \"[2001:db8::10]\"",
                            "    ip_family: ipv6",
                            "    interval: 1h30m",
                            "    revocation: false",
                            "  - \"[::1]:8443/smtp\"",
                            "files:",
                            "  - certs/*/fullchain.pem",
                            "probe_allow: [\"*.example.co.jp\"]");

            config = ConfigLoader.load(file);
        }

        @Test
        void keepsTheTargetsInFileOrderWithTheirIdsAndLines() {
            assertThat(config.targets())
                    .extracting(Target::id)
                    .containsExactly(
                            "www.example.co.jp:443",
                            "例え.jp:443",
                            "mail.example.co.jp:587/smtp",
                            "intranet",
                            "[2001:db8::10]:443",
                            "[::1]:8443/smtp");
            assertThat(config.targets())
                    .extracting(Target::line)
                    .containsExactly(4, 5, 6, 10, 17, 21);
        }

        @Test
        void readsTheTopLevelSettings() {
            assertThat(config.concurrency()).isEqualTo(16);
            assertThat(config.defaults())
                    .isEqualTo(
                            new Defaults(
                                    Duration.ofMinutes(30),
                                    Duration.ofSeconds(5),
                                    new Thresholds(21, 7, 0.5),
                                    true));
            assertThat(config.files()).containsExactly("certs/*/fullchain.pem");
            assertThat(config.probeAllow()).containsExactly("*.example.co.jp");
            assertThat(config.source()).isEqualTo(dir.resolve("targets.yaml"));
        }

        @Test
        void keepsAnInternationalizedNameAsWrittenBesideItsALabel() {
            Target idn = config.targets().get(1);

            assertThat(idn.host()).isEqualTo("例え.jp");
            assertThat(idn.asciiHost()).isEqualTo("xn--r8jz45g.jp");
            assertThat(idn.sniToSend()).isEqualTo("xn--r8jz45g.jp");
        }

        @Test
        void keepsLabelValuesAsWrittenYaml11WordsIncluded() {
            Target mail = config.targets().get(2);

            assertThat(mail.labels())
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of(
                                    "owner", "infra-team",
                                    "department", "情報システム部",
                                    "env", "no",
                                    "tier", "1.10",
                                    "active", "on"));
            assertThat(mail.starttls()).isEqualTo(StartTls.SMTP);
            assertThat(config.labelKeys())
                    .containsExactly("active", "department", "env", "owner", "tier");
        }

        @Test
        void readsTheObjectFormFields() {
            Target intranet = config.targets().get(3);

            assertThat(intranet.host()).isEqualTo("10.0.0.5");
            assertThat(intranet.sni()).isEqualTo("intranet.example.co.jp");
            assertThat(intranet.caFile()).isEqualTo(dir.resolve("private-ca.pem"));
            assertThat(intranet.privateRoots()).isTrue();
            assertThat(intranet.revocation()).isFalse();
            assertThat(intranet.thresholds()).isEqualTo(new Thresholds(60, 7, 0.5));
        }

        @Test
        void appliesTheDefaultsWhereATargetSetsNothing() {
            Target www = config.targets().get(0);

            assertThat(www.interval()).isEqualTo(Duration.ofMinutes(30));
            assertThat(www.timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(www.thresholds()).isEqualTo(new Thresholds(21, 7, 0.5));
            assertThat(www.revocation()).isTrue();
            assertThat(www.privateRoots()).isFalse();
            assertThat(www.ipFamily()).isEqualTo(IpFamily.ANY);
        }

        @Test
        void readsIpv6LiteralsWithoutTheirBrackets() {
            Target v6 = config.targets().get(4);
            Target loopback = config.targets().get(5);

            assertThat(v6.host()).isEqualTo("2001:db8::10");
            assertThat(v6.ipFamily()).isEqualTo(IpFamily.IPV6);
            assertThat(v6.interval()).isEqualTo(Duration.ofMinutes(90));
            assertThat(v6.revocation()).isFalse();
            assertThat(v6.sniToSend()).isNull();
            assertThat(loopback.host()).isEqualTo("::1");
            assertThat(loopback.port()).isEqualTo(8443);
        }

        @Test
        void letsProbeReachConfiguredTargetsAndAllowedHosts() {
            assertThat(config.isConfigured("例え.jp", 443)).isTrue();
            assertThat(config.isConfigured("XN--R8JZ45G.JP", 443)).isTrue();
            assertThat(config.isConfigured("[2001:db8::10]", 443)).isTrue();
            assertThat(config.isConfigured("例え.jp", 8443)).isFalse();
            assertThat(config.mayProbe("api.example.co.jp", 8443)).isTrue();
            assertThat(config.mayProbe("10.0.0.5", 443)).isTrue();
            assertThat(config.mayProbe("10.0.0.6", 443)).isFalse();
        }
    }

    @Test
    void usesTheBuiltInDefaultsWhenTheFileSetsNone() throws Exception {
        Path file = write("targets.yaml", "targets:", "  - www.example.co.jp");

        Config config = ConfigLoader.load(file);

        assertThat(config.concurrency()).isEqualTo(64);
        assertThat(config.defaults()).isEqualTo(Defaults.BUILT_IN);
        assertThat(config.files()).isEmpty();
        assertThat(config.probeAllow()).isEmpty();
        assertThat(config.mayProbe("other.example.co.jp", 443)).isFalse();
    }

    @Nested
    class PlainList {

        @Test
        void readsOneTargetALineSkippingCommentsAndBlankLines() throws Exception {
            Path file =
                    write(
                            "targets.txt",
                            "# web",
                            "www.example.co.jp",
                            "",
                            "例え.jp:8443   # trailing comment",
                            "  mail.example.co.jp/submission",
                            "[::1]:8443/smtp");

            Config config = ConfigLoader.load(file);

            assertThat(config.targets())
                    .extracting(Target::id)
                    .containsExactly(
                            "www.example.co.jp:443", "例え.jp:8443",
                            "mail.example.co.jp:587/submission", "[::1]:8443/smtp");
            assertThat(config.targets()).extracting(Target::line).containsExactly(2, 4, 5, 6);
            assertThat(config.defaults()).isEqualTo(Defaults.BUILT_IN);
        }

        @Test
        void reportsEveryBadLineWithItsNumber() throws Exception {
            Path file =
                    write(
                            "targets.txt",
                            "www.example.co.jp:44x3",
                            "# fine",
                            "mail.example.co.jp/smtps",
                            "www.example.co.jp:443",
                            "www.example.co.jp");

            List<String> problems = problemsOf(file);

            assertThat(problems)
                    .containsExactly(
                            file
                                    + ":1: \"44x3\" is not a port number; write a number from 1 to"
                                    + " 65535",
                            file
                                    + ":3: \"smtps\" is not a STARTTLS protocol; write one of smtp,"
                                    + " submission, imap, pop3, ftp, ldap, xmpp, postgres, mysql;"
                                    + " for implicit TLS (smtps, imaps) leave starttls out",
                            file
                                    + ":5: target id \"www.example.co.jp:443\" is already used by"
                                    + " line 4; remove the repeated line");
        }
    }

    @Nested
    class Mistakes {

        static List<Arguments> eachKind() {
            return List.of(
                    Arguments.of(
                            "bad port",
                            List.of("targets:", "  - host: a.example.co.jp", "    port: 44x3"),
                            "3: targets[0].port: \"44x3\" is not a port number; write a number"
                                    + " from 1 to 65535"),
                    Arguments.of(
                            "port out of range",
                            List.of("targets:", "  - host: a.example.co.jp", "    port: 65536"),
                            "3: targets[0].port: \"65536\" is not a port number; write a number"
                                    + " from 1 to 65535"),
                    Arguments.of(
                            "unknown key in a target",
                            List.of("targets:", "  - host: a.example.co.jp", "    prot: 443"),
                            "3: targets[0].prot: unknown key \"prot\"; accepted here: host, port,"
                                    + " sni, starttls, name, labels, ca_file, timeout, interval,"
                                    + " warning_days, critical_days, emergency_days, ip_family,"
                                    + " revocation, private"),
                    Arguments.of(
                            "unknown top-level key",
                            List.of("target:", "  - a.example.co.jp"),
                            "1: target: unknown key \"target\"; accepted here: defaults,"
                                    + " concurrency, targets, files, probe_allow"),
                    Arguments.of(
                            "unknown key in defaults",
                            List.of("defaults:", "  intervall: 1h"),
                            "2: defaults.intervall: unknown key \"intervall\"; accepted here:"
                                    + " interval, timeout, warning_days, critical_days,"
                                    + " emergency_days, revocation"),
                    Arguments.of(
                            "bad duration",
                            List.of("defaults:", "  interval: 1x"),
                            "2: defaults.interval: \"1x\" is not a duration; write a number with"
                                    + " a unit: 500ms, 10s, 5m, 1h, 1d, or a sum such as 1h30m"),
                    Arguments.of(
                            "zero timeout",
                            List.of("targets:", "  - host: a.example.co.jp", "    timeout: 0s"),
                            "3: targets[0].timeout: \"0s\" is zero; write a duration above zero"),
                    Arguments.of(
                            "bad label key",
                            List.of(
                                    "targets:", "  - host: a.example.co.jp",
                                    "    labels:", "      Owner: infra"),
                            "4: targets[0].labels.Owner: \"Owner\" is not a valid label key; use"
                                    + " lower-case letters, digits and _, starting with a letter"
                                    + " or _ (not __)"),
                    Arguments.of(
                            "reserved label key",
                            List.of(
                                    "targets:",
                                    "  - host: a.example.co.jp",
                                    "    labels: {job: backup}"),
                            "3: targets[0].labels.job: label key \"job\" is reserved: certgauge"
                                    + " or Prometheus sets it; choose another key, such as"
                                    + " \"job_name\""),
                    Arguments.of(
                            "unknown starttls",
                            List.of("targets:", "  - host: a.example.co.jp", "    starttls: tls"),
                            "3: targets[0].starttls: \"tls\" is not a STARTTLS protocol; write"
                                    + " one of smtp, submission, imap, pop3, ftp, ldap, xmpp,"
                                    + " postgres, mysql; for implicit TLS (smtps, imaps) leave"
                                    + " starttls out"),
                    Arguments.of(
                            "bad ip_family",
                            List.of(
                                    "targets:",
                                    "  - host: a.example.co.jp",
                                    "    ip_family: inet6"),
                            "3: targets[0].ip_family: \"inet6\" is not an address family; write"
                                    + " any, ipv4 or ipv6"),
                    Arguments.of(
                            "thresholds out of order in a target",
                            List.of("targets:", "  - host: a.example.co.jp", "    warning_days: 5"),
                            "3: targets[0].warning_days: warning_days 5 is below critical_days 7"
                                    + " (from defaults); thresholds must run warning_days >="
                                    + " critical_days >= emergency_days"),
                    Arguments.of(
                            "thresholds out of order in defaults",
                            List.of("defaults:", "  critical_days: 3", "  emergency_days: 4.5"),
                            "2: defaults.critical_days: critical_days 3 is below emergency_days"
                                    + " 4.5; thresholds must run warning_days >= critical_days >="
                                    + " emergency_days"),
                    Arguments.of(
                            "negative threshold",
                            List.of("defaults:", "  emergency_days: -1"),
                            "2: defaults.emergency_days: \"-1\" is not a number of days; write a"
                                    + " number of 0 or more, such as 30 or 0.5"),
                    Arguments.of(
                            "revocation neither on nor off",
                            List.of("defaults:", "  revocation: maybe"),
                            "2: defaults.revocation: \"maybe\" is not on or off; write on or off"),
                    Arguments.of(
                            "private as a YAML 1.1 word",
                            List.of("targets:", "  - host: a.example.co.jp", "    private: yes"),
                            "3: targets[0].private: \"yes\" is not true or false; write true or"
                                    + " false"),
                    Arguments.of(
                            "concurrency of zero",
                            List.of("concurrency: 0", "targets: []"),
                            "1: concurrency: \"0\" is not a number of probes; write a whole number"
                                    + " above 0"),
                    Arguments.of(
                            "sni as an address",
                            List.of("targets:", "  - host: a.example.co.jp", "    sni: 192.0.2.1"),
                            "3: targets[0].sni: \"192.0.2.1\" is an IP address; SNI carries host"
                                    + " names only (RFC 6066 section 3); leave sni out for an"
                                    + " address"),
                    Arguments.of(
                            "host with a port",
                            List.of("targets:", "  - host: a.example.co.jp:443"),
                            "2: targets[0].host: \"a.example.co.jp:443\" is not a host name or"
                                    + " an IP address; give the port separately and write an IPv6"
                                    + " address as [2001:db8::10]"),
                    Arguments.of(
                            "target without a host",
                            List.of("targets:", "  - port: 443"),
                            "2: targets[0]: the target has no host; add host: with a name or an"
                                    + " address"),
                    Arguments.of(
                            "bad string form",
                            List.of("targets:", "  - a.example.co.jp:44x3"),
                            "2: targets[0]: \"44x3\" is not a port number; write a number from 1"
                                    + " to 65535"),
                    Arguments.of(
                            "labels as a list",
                            List.of("targets:", "  - host: a.example.co.jp", "    labels: [owner]"),
                            "3: targets[0].labels: expected a mapping here (key: value lines)"),
                    Arguments.of(
                            "targets as a single value",
                            List.of("targets: a.example.co.jp"),
                            "1: targets: expected a list here (items starting with -)"),
                    Arguments.of(
                            "bad probe_allow glob",
                            List.of("probe_allow:", "  - \"*.exa mple.co.jp\""),
                            "2: probe_allow[0]: \"*.exa mple.co.jp\" is not a host glob; write a"
                                    + " host glob such as *.example.co.jp"),
                    Arguments.of(
                            "YAML syntax error",
                            List.of(
                                    "targets:", "  - host: a.example.co.jp",
                                    "     port: 443", "  - b.example.co.jp"),
                            "3: YAML syntax: mapping values are not allowed here; check the"
                                    + " indentation, quotes and brackets on that line"),
                    Arguments.of(
                            "key written twice",
                            List.of(
                                    "targets:", "  - host: a.example.co.jp",
                                    "    port: 443", "    port: 8443"),
                            "4: key 'port' appears twice; keep one of them"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("eachKind")
        void reportsEachKindWithItsLineFieldAndHint(
                String kind, List<String> lines, String expected) throws IOException {
            Path file = write("targets.yaml", lines.toArray(String[]::new));

            List<String> problems = problemsOf(file);

            assertThat(problems).containsExactly(file + ":" + expected);
        }

        @Test
        void reportsAnEmptyFile() throws IOException {
            Path file = write("targets.yaml", "# nothing yet");

            List<String> problems = problemsOf(file);

            assertThat(problems)
                    .containsExactly(
                            file + ": the file is empty; list the endpoints under targets:");
        }

        @Test
        void refusesATargetsFileOver64MiBInsteadOfReadingItAll() throws IOException {
            // `--config /dev/zero`, or a wrong path to a disk image, used to end in an
            // OutOfMemoryError with a stack trace (exit 1), at start-up or in a reload.
            Path file = dir.resolve("huge.yaml");
            try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(65L << 20);
            }

            List<String> problems = problemsOf(file);

            assertThat(problems)
                    .containsExactly(
                            file
                                    + ": the file is larger than 64 MiB; check the path: a targets"
                                    + " file of 100,000 targets is a few MiB");
        }

        @Test
        void reportsAMissingCaFileRelativeToTheTargetsFile() throws IOException {
            Path file =
                    write(
                            "targets.yaml",
                            "targets:",
                            "  - host: 10.0.0.5",
                            "    ca_file: missing-ca.pem");

            List<String> problems = problemsOf(file);

            assertThat(problems)
                    .containsExactly(
                            file
                                    + ":3: targets[0].ca_file:"
                                    + " \"missing-ca.pem\" does not exist (looked for "
                                    + dir.resolve("missing-ca.pem")
                                    + "); give a PEM or DER file of CA certificates; a relative"
                                    + " path starts at the targets file's folder");
        }

        @Test
        void reportsACaFileThatIsADirectoryAsSuch() throws IOException {
            Files.createDirectory(dir.resolve("certs"));
            Path file =
                    write("targets.yaml", "targets:", "  - host: 10.0.0.5", "    ca_file: certs");

            List<String> problems = problemsOf(file);

            assertThat(problems)
                    .containsExactly(
                            file
                                    + ":3: targets[0].ca_file:"
                                    + " \"certs\" is a directory ("
                                    + dir.resolve("certs")
                                    + "); give a PEM or DER file of CA certificates; a relative"
                                    + " path starts at the targets file's folder");
        }

        @Test
        void refusesAnOversizedCaFileInsteadOfReadingItAll() throws IOException {
            // A CA certificate followed by 17 MiB of zeros: an operator's wrong path (a log, a
            // disk image) used to be read a byte at a time, minutes at start-up for a large one.
            Path big =
                    Pki.writePem(
                            dir.resolve("big.pem"),
                            Pki.root("Example Private CA").issue().certificate());
            try (var out = Files.newOutputStream(big, java.nio.file.StandardOpenOption.APPEND)) {
                out.write(new byte[17 * 1024 * 1024]);
            }
            Path file =
                    write("targets.yaml", "targets:", "  - host: 10.0.0.5", "    ca_file: big.pem");

            List<String> problems = problemsOf(file);

            assertThat(problems)
                    .containsExactly(
                            file
                                    + ":3: targets[0].ca_file: \"big.pem\" holds no readable"
                                    + " certificate: the file is larger than 16 MiB; give a PEM or"
                                    + " DER file of CA certificates");
        }

        @Test
        void reportsACaFileWithoutCertificates() throws IOException {
            Files.writeString(dir.resolve("notes.pem"), "not a certificate\n");
            Path file =
                    write(
                            "targets.yaml",
                            "targets:",
                            "  - host: 10.0.0.5",
                            "    ca_file: notes.pem");

            List<String> problems = problemsOf(file);

            assertThat(problems)
                    .singleElement()
                    .asString()
                    .startsWith(
                            file
                                    + ":3: targets[0].ca_file: \"notes.pem\" holds no readable"
                                    + " certificate: ")
                    .endsWith("; give a PEM or DER file of CA certificates");
        }

        @Test
        void namesBothLinesOfADuplicateId() throws IOException {
            Path file =
                    write(
                            "targets.yaml",
                            "targets:",
                            "  - www.example.co.jp",
                            "  - host: mail.example.co.jp",
                            "    name: mail",
                            "  - host: www.example.co.jp",
                            "    port: 443",
                            "  - host: smtp.example.co.jp",
                            "    name: mail");

            List<String> problems = problemsOf(file);

            assertThat(problems)
                    .containsExactly(
                            file
                                    + ":5: targets[2]: target id \"www.example.co.jp:443\" is"
                                    + " already used by targets[0] on line 2; give one of them its"
                                    + " own name: field",
                            file
                                    + ":7: targets[3]: target id \"mail\" is already used by"
                                    + " targets[1] on line 3; give one of them its own name:"
                                    + " field");
        }

        @Test
        void reportsEveryProblemAtOnceInLineOrder() throws IOException {
            Path file =
                    write(
                            "targets.yaml",
                            "defaults:",
                            "  timeout: ten",
                            "concurrency: -3",
                            "targets:",
                            "  - host: a.example.co.jp",
                            "    labels: [owner]",
                            "  - host: b.example.co.jp",
                            "    port: 44x3",
                            "    starttls: smtps",
                            "    colour: blue",
                            "  - c.example.co.jp/imap4",
                            "  - host: \"[2001:db8::zz]\"",
                            "    labels: {instance: x, Env: y}");

            List<String> problems = problemsOf(file);

            assertThat(problems)
                    .extracting(p -> p.substring(file.toString().length() + 1))
                    .extracting(p -> p.substring(0, p.indexOf(' ', p.indexOf(' ') + 1)))
                    .containsExactly(
                            "2: defaults.timeout:",
                            "3: concurrency:",
                            "6: targets[0].labels:",
                            "8: targets[1].port:",
                            "9: targets[1].starttls:",
                            "10: targets[1].colour:",
                            "11: targets[2]:",
                            "12: targets[3].host:",
                            "13: targets[3].labels.instance:",
                            "13: targets[3].labels.Env:");
        }
    }

    @Nested
    class UnreadableFiles {

        @Test
        void reportsAMissingFile() {
            Path file = dir.resolve("absent.yaml");

            List<String> problems = problemsOf(file);

            assertThat(problems)
                    .containsExactly(file + ": the file does not exist; check the path");
        }

        @Test
        void reportsAFileThatIsNotUtf8() throws IOException {
            Path file =
                    Files.write(
                            dir.resolve("latin1.yaml"),
                            "targets: [\"caf\u00e9.example\"]\n"
                                    .getBytes(StandardCharsets.ISO_8859_1));

            List<String> problems = problemsOf(file);

            assertThat(problems)
                    .containsExactly(file + ": the file is not UTF-8 text; save it as UTF-8");
        }

        @Test
        void reportsADirectory() {
            assertThatThrownBy(() -> ConfigLoader.load(dir))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(dir + ": the file cannot be read: ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"targets.TXT", "list.txt"})
    void treatsAnyTxtNameAsAPlainList(String name) throws Exception {
        Path file = write(name, "www.example.co.jp:8443");

        Config config = ConfigLoader.load(file);

        assertThat(config.targets())
                .extracting(Target::id)
                .containsExactly("www.example.co.jp:8443");
    }
}
