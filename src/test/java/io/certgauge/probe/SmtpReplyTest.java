package io.certgauge.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpReplyTest {

    @Test
    void startTlsIsFoundAmongTheExtensionsWhateverItsCase() {
        SmtpStartTls.Reply reply = new SmtpStartTls.Reply(
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
}
