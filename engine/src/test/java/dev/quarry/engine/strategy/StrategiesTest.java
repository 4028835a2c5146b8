package dev.quarry.engine.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.model.McScope;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class StrategiesTest {

    /** Every kind of option the parser knows. */
    public record Sample(
            @Option(value = "auto", description = "passes") OptionalInt passes,
            @Option(value = "full", description = "scope") McScope scope,
            @Option(value = "1.0", description = "temperature") double temperature,
            @Option(value = "auto", description = "radius") OptionalDouble radius,
            @Option(value = "false", description = "flag") boolean flag,
            @Option(value = "runs/x", description = "a file") Path file,
            @Option(value = "", prefix = "inner.", description = "an inner strategy's options") Map<String, String> inner) {

        public Sample {
            if (!(temperature > 0)) {
                throw new IllegalArgumentException("Option temperature " + temperature + " must be > 0.");
            }
        }
    }

    @Test
    void givenTheEngineAlone_whenListed_thenRandomIsRegistered() {
        assertTrue(Strategies.names().contains("random"), Strategies.names().toString());
        QueryStrategy random = Strategies.get("random");
        assertEquals("random{}", random.toString());
        assertTrue(random.inputs().isEmpty());
        assertTrue(random.scorer().isEmpty());
    }

    @Test
    void givenAnUnknownNameOrOption_thenTheMessageListsWhatExists() {
        String m = assertThrows(InvalidInputException.class, () -> Strategies.get("bold")).getMessage();
        assertTrue(m.startsWith("Unknown strategy 'bold'; known strategies: ["), m);
        assertTrue(m.contains("random"), m);
        assertEquals("Unknown option 'seed' for strategy 'random'; its options are [maxPool].",
                assertThrows(InvalidInputException.class, () -> Strategies.get("random", Map.of("seed", "3"))).getMessage());
        assertEquals("Option maxPool of strategy 'random' must be an integer or all, got 'many'.",
                assertThrows(InvalidInputException.class, () -> Strategies.get("random", Map.of("maxPool", "many")))
                        .getMessage());
        assertThrows(InvalidInputException.class, () -> Strategies.get("random", Map.of("maxPool", "0")));
        assertEquals("random{}", Strategies.get("random", Map.of("maxPool", "all")).toString());
    }

    @Test
    void givenTextOptions_thenTheRecordIsParsedOnceWithDefaultsAndAuto() {
        Sample defaults = StrategyOptions.parse("s", Sample.class, Map.of());
        assertEquals(new Sample(OptionalInt.empty(), McScope.FULL, 1.0, OptionalDouble.empty(), false, Path.of("runs/x"),
                Map.of()), defaults);
        Sample given = StrategyOptions.parse("s", Sample.class, Map.of("passes", "5", "scope", "HEAD", "temperature", "0.5",
                "radius", "0.25", "flag", "true", "inner.mcSamples", "20"));
        assertEquals(OptionalInt.of(5), given.passes());
        assertEquals(McScope.HEAD, given.scope());
        assertEquals(OptionalDouble.of(0.25), given.radius());
        assertEquals(Map.of("mcSamples", "20"), given.inner());
        assertEquals("{passes=5, scope=head, temperature=0.5, radius=0.25, flag=true, file=runs/x, inner.mcSamples=20}",
                StrategyOptions.settings(given).toString());
        assertEquals(List.of("passes", "scope", "temperature", "radius", "flag", "file", "inner.*"),
                StrategyOptions.describe(Sample.class).stream().map(StrategyOptions.Described::name).toList());
    }

    @Test
    void givenBadTextOptions_thenTheMessageNamesTheOptionAndTheExpectation() {
        assertEquals("Option passes of strategy 's' must be an integer or auto, got 'many'.",
                assertThrows(InvalidInputException.class, () -> StrategyOptions.parse("s", Sample.class,
                        Map.of("passes", "many"))).getMessage());
        assertEquals("Option scope of strategy 's' must be one of full, head; got 'tail'.",
                assertThrows(InvalidInputException.class, () -> StrategyOptions.parse("s", Sample.class,
                        Map.of("scope", "tail"))).getMessage());
        assertEquals("Option temperature of strategy 's' must be a finite number, got 'NaN'.",
                assertThrows(InvalidInputException.class, () -> StrategyOptions.parse("s", Sample.class,
                        Map.of("temperature", "NaN"))).getMessage());
        assertEquals("Strategy 's': Option temperature -1.0 must be > 0.",
                assertThrows(InvalidInputException.class, () -> StrategyOptions.parse("s", Sample.class,
                        Map.of("temperature", "-1"))).getMessage());
        assertEquals("Option flag of strategy 's' must be true or false, got 'yes'.",
                assertThrows(InvalidInputException.class, () -> StrategyOptions.parse("s", Sample.class,
                        Map.of("flag", "yes"))).getMessage());
        assertEquals("Unknown option 'x' for strategy 's'; its options are [passes, scope, temperature, radius, flag, file, "
                + "inner.*].", assertThrows(InvalidInputException.class, () -> StrategyOptions.parse("s", Sample.class,
                        Map.of("x", "1"))).getMessage());
    }

    @Test
    void givenAStrategyRegisteredInCode_thenTheRegistryBuildsItByName() {
        Strategies.register(new StrategySpec<>("test-least-max", "1 - the largest probability", NoOptions.class,
                o -> QueryStrategy.topK(Scorer.of("least-max", Input.probabilities(), p -> p.max(new int[] {1}).neg()))));
        QueryStrategy s = Strategies.get("test-least-max");
        assertEquals("test-least-max{}", s.toString());
        assertEquals(List.of(Input.probabilities()), List.copyOf(s.inputs()));
        try (NDManager m = NDManager.newBaseManager()) {
            float[] p = {0.9f, 0.1f, 0.5f, 0.5f, 0.7f, 0.3f};
            assertArrayEquals(new long[] {1, 2}, OfflineQueries.select(s, m.create(p, new Shape(3, 2)), 2, 0).ids());
        }
        assertThrows(IllegalArgumentException.class, () -> Strategies.register(new StrategySpec<>("test-least-max", "again",
                NoOptions.class, o -> Strategies.get("random"))));
    }
}
