package io.certgauge.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.demo.Pki;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameMatcherTest {

    private static X509Certificate withDnsNames(String... names) {
        return Pki.leaf("cert.example.test").dnsNames(names).issue().certificate();
    }

    private static X509Certificate withIpAddresses(String... ips) {
        return Pki.leaf("cert.example.test").dnsNames().ipAddresses(ips).issue().certificate();
    }

    @Nested
    class DnsNames {

        @ParameterizedTest(name = "SAN {0} for {1}: {2}")
        @CsvSource({
            "www.example.test,   www.example.test,   true",
            "WWW.Example.TEST,   www.example.test,   true",
            "www.example.test,   WWW.EXAMPLE.test,   true",
            "www.example.test,   www.example.test.,  true",
            "www.example.test.,  www.example.test,   true",
            "www.example.test,   example.test,       false",
            "www.example.test,   wwww.example.test,  false",
            "*.example.test,     a.example.test,     true",
            "*.example.test,     A.EXAMPLE.TEST,     true",
            "*.example.test,     a.b.example.test,   false",
            "*.example.test,     example.test,       false",
            "*.example.test,     .example.test,      false",
            "*.test,             a.test,             false",
            "w*.example.test,    www.example.test,   false",
            "*w.example.test,    www.example.test,   false",
            "www.*.test,         www.example.test,   false",
            "*.*.example.test,   a.b.example.test,   false",
            "*.example.test,     *.example.test,     false",
        })
        void matchesPerRfc6125(String san, String name, boolean expected) {
            X509Certificate cert = withDnsNames(san);

            boolean matches = HostnameMatcher.matches(cert, name);

            assertThat(matches).isEqualTo(expected);
        }

        @Test
        void anyOfSeveralSanEntriesMayMatch() {
            X509Certificate cert = withDnsNames("a.example.test", "b.example.test");

            assertThat(HostnameMatcher.matches(cert, "b.example.test")).isTrue();
            assertThat(HostnameMatcher.matches(cert, "c.example.test")).isFalse();
        }

        @Test
        void internationalizedNameMatchesItsALabelInTheSan() {
            X509Certificate cert = withDnsNames("xn--r8jz45g.jp");

            assertThat(HostnameMatcher.matches(cert, "xn--r8jz45g.jp")).isTrue();
            assertThat(HostnameMatcher.matches(cert, "例え.jp")).isTrue();
            assertThat(HostnameMatcher.matches(cert, "xn--r8jz45g.com")).isFalse();
        }

        @Test
        void commonNameIsNeverUsedWithoutSan() {
            X509Certificate cert =
                    Pki.leaf("www.example.test").noSubjectAltName().issue().certificate();

            boolean matches = HostnameMatcher.matches(cert, "www.example.test");

            assertThat(matches).isFalse();
        }

        @Test
        void commonNameIsNeverUsedBesideASanListWithoutTheName() {
            X509Certificate cert =
                    Pki.leaf("www.example.test")
                            .dnsNames("other.example.test")
                            .issue()
                            .certificate();

            boolean matches = HostnameMatcher.matches(cert, "www.example.test");

            assertThat(matches).isFalse();
        }

        @Test
        void emptyNameMatchesNothing() {
            X509Certificate cert = withDnsNames("www.example.test");

            assertThat(HostnameMatcher.matches(cert, "")).isFalse();
        }
    }

    @Nested
    class IpAddresses {

        @ParameterizedTest(name = "IP SAN {0} for {1}: {2}")
        @CsvSource({
            "127.0.0.1,   127.0.0.1,          true",
            "127.0.0.1,   127.0.0.2,          false",
            "127.0.0.1,   ::1,                false",
            "::1,         ::1,                true",
            "::1,         0:0:0:0:0:0:0:1,    true",
            "::1,         [::1],              true",
            "::1,         ::2,                false",
            "fe80::1,     fe80::1%lo,         true",
            "2001:db8::10, 2001:DB8:0::10,    true",
        })
        void comparesAddressBytes(String san, String name, boolean expected) {
            X509Certificate cert = withIpAddresses(san);

            boolean matches = HostnameMatcher.matches(cert, name);

            assertThat(matches).isEqualTo(expected);
        }

        @Test
        void ipNameIsNotMatchedAgainstDnsEntries() {
            X509Certificate cert = withDnsNames("127.0.0.1");

            assertThat(HostnameMatcher.matches(cert, "127.0.0.1")).isFalse();
        }

        @Test
        void dnsNameIsNotMatchedAgainstIpEntries() {
            X509Certificate cert = withIpAddresses("127.0.0.1");

            assertThat(HostnameMatcher.matches(cert, "localhost")).isFalse();
        }
    }

    @Test
    void describesSanEntriesForMessages() {
        X509Certificate cert =
                Pki.leaf("www.example.test")
                        .dnsNames("www.example.test")
                        .ipAddresses("127.0.0.1")
                        .issue()
                        .certificate();

        assertThat(HostnameMatcher.describeSubjectAltNames(cert))
                .containsExactly("DNS:www.example.test", "IP:127.0.0.1");
    }
}
