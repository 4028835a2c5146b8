package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library quick starts are compiled and run exactly as printed. */
class ReadmeQuickStartTest {

    @TempDir
    Path dir;

    @Test
    void givenTheReadmeQuickStart_whenCompiledAndRun_thenItPrintsAnAubcAndAccuracy() throws Exception {
        String out = compileAndRun("quickstart", "QuickStart", 25);
        assertTrue(Pattern.compile("AUBC 0\\.\\d{3}, final accuracy 0\\.\\d{3}").matcher(out).find(), out);
        assertEquals(1, out.lines().count(), out);
    }

    @Test
    void givenTheReadmeScorer_whenCompiledAndRun_thenItsStrategyPicksTheNearTiesFirst() throws Exception {
        String out = compileAndRun("scorer-quickstart", "RatioScorer", 20);
        assertEquals("picked rows [1, 2]", out.strip(), "p(2)/p(1) is 1 for (0.5, 0.5), 0.43 for (0.7, 0.3)");
    }

    @Test
    void givenTheRfQuickStart_whenCompiledAndRun_thenItPrintsDetectorFlagsAndTheAutoencodersError() throws Exception {
        String out = compileAndRun("rf-quickstart", "RfQuickStart", 25);
        assertTrue(Pattern.compile("SMAP-like flags \\d+ of 256 cells at beta \\d\\.\\d\\d; autoencoder footprint RMSE"
                + " \\d+\\.\\d\\d K").matcher(out).find(), out);
        assertEquals(1, out.lines().count(), out);
    }

    /**
     * Compiles the snippet between {@code <!-- NAME:begin/end -->}, at most {@code maxLines} long,
     * and runs its main; returns what it printed.
     */
    private String compileAndRun(String marker, String className, int maxLines) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("<!-- " + marker + ":begin -->\\s*```java\\n(.*?)```\\s*<!-- " + marker + ":end -->",
                Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README.md has no snippet between <!-- " + marker + ":begin/end --> markers");
        String source = m.group(1);
        assertTrue(source.lines().count() <= maxLines, "the snippet stays within " + maxLines + " lines");

        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int code = javac.run(null, null, diagnostics, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.toString(), file.toString());
        assertEquals(0, code, diagnostics.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
