package io.certgauge.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a targets file: YAML, or a plain list when the name ends in {@code .txt}. Every problem the
 * checks can see is reported at once, each with the file, line and field. Thread-safe: it holds no
 * state.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    /** Largest targets file read; a bigger one (or {@code /dev/zero}) is the wrong path. */
    static final int MAX_FILE_BYTES = 64 << 20;

    private ConfigLoader() {}

    /**
     * Reads and checks a targets file.
     *
     * @param file the file; relative {@code ca_file} paths start at its folder
     * @return the configuration, defaults applied, target ids unique
     * @throws ConfigException with one problem per mistake, a missing or unreadable file included
     */
    public static Config load(Path file) throws ConfigException {
        String text = readText(file);
        boolean plainList =
                String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".txt");
        Config config =
                plainList ? PlainListFile.read(file, text) : YamlTargetsFile.read(file, text);
        LOG.debug("read {} targets from {}", config.targets().size(), file);
        return config;
    }

    private static String readText(Path file) throws ConfigException {
        try {
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw fileProblem(
                        file,
                        "the file is larger than " + (MAX_FILE_BYTES >> 20) + " MiB",
                        "check the path: a targets file of 100,000 targets is a few MiB");
            }
            String text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
            // A byte order mark some editors write is not part of the first key.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw fileProblem(file, "the file does not exist", "check the path");
        } catch (AccessDeniedException e) {
            throw fileProblem(
                    file,
                    "the file cannot be read: permission denied",
                    "let the user that runs certgauge read it");
        } catch (CharacterCodingException e) {
            throw fileProblem(file, "the file is not UTF-8 text", "save it as UTF-8");
        } catch (IOException e) {
            throw fileProblem(file, "the file cannot be read: " + e.getMessage(), null);
        }
    }

    private static ConfigException fileProblem(Path file, String message, String hint) {
        return new ConfigException(new ConfigProblem(file, 0, null, message, hint));
    }
}
