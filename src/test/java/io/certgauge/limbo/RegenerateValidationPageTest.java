package io.certgauge.limbo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rewrites {@code docs/validation.md} from a fresh run: the command that moves the committed floor,
 * run on purpose and never by the normal test suite. The command is {@link
 * AgreementReport#REGENERATE}.
 */
@EnabledIfSystemProperty(named = "limbo.write", matches = "true")
class RegenerateValidationPageTest {

    @Test
    void rewriteTheCommittedPage() throws IOException {
        AgreementReport report = LimboRun.report();

        Files.writeString(LimboAgreementTest.COMMITTED, report.render(), StandardCharsets.UTF_8);
    }
}
