package dev.quarry.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The README's benchmark section is what the renderer makes of the committed JSON, to the character. */
class ReadmeBenchSectionTest {

    @Test
    void givenTheCommittedResults_whenRendered_thenTheReadmeSectionIsTheSame() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        String readme = Files.readString(root.resolve("README.md"));

        String rendered = MarkdownReport.render(root.resolve("docs/bench"), RenderReport.README_IMAGE_PREFIX);

        assertEquals(rendered.strip(), ReadmeBlock.extract(readme).strip(),
                "README's benchmark section differs from the committed JSON; run "
                        + "`java -cp jmh-benchmarks/target/benchmarks.jar dev.quarry.bench.report.RenderReport "
                        + "--readme README.md` from the repository root.");
    }
}
