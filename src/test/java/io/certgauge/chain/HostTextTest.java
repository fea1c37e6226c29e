package io.certgauge.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostTextTest {

    @Nested
    class Syntax {

        @ParameterizedTest(name = "{0}: valid {1}, preferred {2}")
        @CsvSource({
            "www.example.test,       true,  true",
            "WWW.Example.Test.,      true,  true",
            "*.example.test,         true,  true",
            "a_b.example.test,       true,  false",
            "-a.example.test,        true,  false",
            "a..example.test,        false, false",
            ".example.test,          false, false",
            "w*.example.test,        false, false",
            "*,                      false, false",
            "exa mple.test,          false, false",
        })
        void hostNamesFollowThePreferredNameSyntax(String name, boolean valid, boolean preferred) {
            assertThat(HostSyntax.validName(name, true)).isEqualTo(valid);
            assertThat(HostSyntax.preferredName(name, true)).isEqualTo(preferred);
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource({
            "example.test,    true",
            ".example.test,   false",
            "*.example.test,  false",
        })
        void nameConstraintsAllowNeitherWildcardsNorLeadingPeriods(String c, boolean valid) {
            assertThat(HostSyntax.validConstraint(c)).isEqualTo(valid);
        }
    }

    @Nested
    class Addresses {

        @ParameterizedTest(name = "{0} is written {1}")
        @CsvSource({
            "192.0.2.1,                          192.0.2.1",
            "2001:db8::2:1,                      2001:db8::2:1",
            "2001:DB8:0:0:0:0:2:1,               2001:db8::2:1",
            "2001:db8:0:0:1:0:0:1,               2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1,               2001:db8:0:1:1:1:1:1",
            "::1,                                ::1",
            "::,                                 ::",
        })
        void canonicalTextFollowsRfc5952(String address, String canonical) {
            byte[] octets =
                    ASN1OctetString.getInstance(
                                    new GeneralName(GeneralName.iPAddress, address).getName())
                            .getOctets();

            assertThat(IpText.of(octets)).contains(canonical);
        }

        @ParameterizedTest(name = "{0} reads as {1}")
        @CsvSource({
            "192.168.1.1,      192.168.1.1",
            "192.168.001.001,  192.168.1.1",
            "0xC0A80101,       192.168.1.1",
            "3232235777,       192.168.1.1",
            "2001:DB8::1,      2001:db8::1",
        })
        void lenientParsingReadsWhatResolverLibrariesRead(String text, String canonical) {
            assertThat(IpText.parseLenient(text).flatMap(IpText::of)).contains(canonical);
        }

        @ParameterizedTest(name = "{0} is no address")
        @CsvSource({"www.example.test", "1.2.3.4.5", "256.1.1.1", "0x", "0x-1", "1.2.3.+4", "''"})
        void namesAreNotAddresses(String text) {
            assertThat(IpText.parseLenient(text)).isEqualTo(Optional.empty());
        }
    }
}
