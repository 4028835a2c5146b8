package dev.quarry.engine.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine's packages depend on each other without cycles, read from every import of its sources. */
class PackageDependenciesTest {

    private static final Pattern REFERENCE = Pattern.compile("dev\\.quarry\\.engine\\.([a-z]+)\\.[A-Z]");
    private static final Map<String, Set<String>> USES = new TreeMap<>();

    @BeforeAll
    static void readSources() throws IOException {
        Path root = Path.of("src/main/java/dev/quarry/engine");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path parent = root.relativize(file).getParent();
                if (parent == null) {
                    continue;
                }
                String pkg = parent.toString();
                Set<String> uses = USES.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        uses.add(m.group(1));
                    }
                }
            }
        }
    }

    @Test
    void givenTheEnginesPackages_thenNoneDependsOnItselfThroughOthers() {
        assertTrue(USES.size() >= 10, USES.toString());
        List<String> cycles = new ArrayList<>();
        for (String start : USES.keySet()) {
            findCycle(start, start, new ArrayList<>(List.of(start)), cycles);
        }
        assertEquals(List.of(), cycles, "package cycles in " + USES);
    }

    @Test
    void givenTheLayers_thenTheLoopKnowsNoReportsAndStrategiesKnowNoLoop() {
        assertFalse(USES.get("loop").contains("report"), "reports are listeners: " + USES.get("loop"));
        assertFalse(USES.get("strategy").contains("loop"), USES.get("strategy").toString());
        assertFalse(USES.get("model").contains("strategy"), USES.get("model").toString());
        assertTrue(Set.of("errors", "io").containsAll(USES.get("data")), "data readers need only errors and atomic files: "
                + USES.get("data"));
    }

    private static void findCycle(String start, String at, List<String> path, List<String> cycles) {
        for (String next : USES.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (!path.contains(next) && next.compareTo(start) > 0) {
                path.add(next);
                findCycle(start, next, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
