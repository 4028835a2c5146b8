package dev.quarry.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PyTorchNativesTest {

    @Test
    void givenAnEngineThatIsNotLoaded_thenTheCallIsANoOp() {
        assertEquals(Optional.empty(), PyTorchNatives.invokeStatic("ai.djl.nosuch.JniUtils", "setGradMode",
                new Class<?>[] {boolean.class}, false));
    }

    @Test
    void givenAClassThatLacksTheMethod_thenItFailsLoudlyInsteadOfSkippingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PyTorchNatives.invokeStatic(
                "java.lang.String", "setGradMode", new Class<?>[] {boolean.class}, false));
        assertTrue(e.getMessage().contains("java.lang.String has no setGradMode method"), e.getMessage());
    }

    @Test
    void givenAMethodThatExists_thenItsResultComesBack() {
        assertEquals(Optional.of(2), PyTorchNatives.invokeStatic("java.lang.Integer", "valueOf",
                new Class<?>[] {int.class}, 2));
    }
}
