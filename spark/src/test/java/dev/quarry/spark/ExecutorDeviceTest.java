package dev.quarry.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;

import dev.quarry.engine.errors.InvalidInputException;

import java.util.Map;

import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

class ExecutorDeviceTest {

    @Test
    void givenATasksResources_thenItRunsOnItsFirstAssignedGpu_orOnTheCpu() {
        assertEquals(Device.cpu(), ExecutorDevice.of(Map.of()));
        assertEquals(Device.cpu(), ExecutorDevice.of(Map.of("gpu", new ResourceInformation("gpu", new String[0]))));
        assertEquals(Device.gpu(1), ExecutorDevice.of(Map.of("gpu", new ResourceInformation("gpu", new String[] {"1", "2"}))));
        assertEquals(Device.cpu(), ExecutorDevice.current(), "outside a task: the driver's CPU");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ExecutorDevice.of(Map.of("gpu", new ResourceInformation("gpu", new String[] {"GPU-5a1f"}))));
        assertTrue(e.getMessage().contains("discovery script"), e.getMessage());
    }
}
