package io.certgauge.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpReplyTest {

    @Test
    void startTlsIsFoundAmongTheExtensionsWhateverItsCase() {
        SmtpStartTls.Reply reply =
                new SmtpStartTls.Reply(
                        250, List.of("250-mx.test", "250-PIPELINING", "250 starttls"));

        assertThat(reply.advertises("STARTTLS")).isTrue();
    }

    @Test
    void greetingLineDoesNotCountAsAnExtension() {
        SmtpStartTls.Reply reply = new SmtpStartTls.Reply(250, List.of("250 STARTTLS.example"));

        assertThat(reply.advertises("STARTTLS")).isFalse();
    }

    @Test
    void extensionThatOnlyStartsWithTheKeywordDoesNotCount() {
        SmtpStartTls.Reply reply =
                new SmtpStartTls.Reply(250, List.of("250-mx.test", "250 STARTTLSX"));

        assertThat(reply.advertises("STARTTLS")).isFalse();
    }

    @Test
    void replyTextJoinsItsLinesForAMessage() {
        SmtpStartTls.Reply reply =
                new SmtpStartTls.Reply(554, List.of("554-go away", "554 really  "));

        assertThat(reply.text()).isEqualTo("554-go away / 554 really");
    }

    @Test
    void replyTextHasNoControlCharacterLeftIncludingC1() {
        // Lines are read a byte at a time into chars, so bytes 0x80 to 0x9f arrive as C1
        // controls (0x9b is a terminal's CSI); they reach plugin output and logs.
        SmtpStartTls.Reply reply =
                new SmtpStartTls.Reply(
                        554, List.of("554 go\u0085away\u009b[31m\u0007now\u001b[0m"));

        assertThat(reply.text()).isEqualTo("554 go away [31m now [0m");
    }
}
