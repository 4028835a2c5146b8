package dev.quarry.engine.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The TorchScript test module (exported by export_mc_cnn.py beside it), as a file other modules can load. */
public final class TorchScriptFixture {

    private TorchScriptFixture() {}

    /**
     * Copies {@code mc_cnn.pt} out of the classpath (it may sit inside a jar).
     *
     * @param directory where to put it
     * @return the file
     * @throws IOException if copying fails
     */
    public static Path mcCnn(Path directory) throws IOException {
        Path file = directory.resolve("mc_cnn.pt");
        try (InputStream in = TorchScriptFixture.class.getResourceAsStream("/torchscript/mc_cnn.pt")) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
