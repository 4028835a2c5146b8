package dev.quarry.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceSpecTest {

    @Test
    void givenTheThreeForms_whenParsed_thenKindsAndIndexesMatch() {
        assertEquals(DeviceSpec.AUTO, DeviceSpec.parse("auto"));
        assertEquals(DeviceSpec.CPU, DeviceSpec.parse(" CPU "));
        assertEquals(DeviceSpec.gpu(0), DeviceSpec.parse("gpu"));
        assertEquals(DeviceSpec.gpu(3), DeviceSpec.parse("gpu:3"));
        assertEquals(DeviceSpec.gpu(1), DeviceSpec.parse("cuda:1"));
        assertEquals("gpu:3", DeviceSpec.gpu(3).toString());
        assertEquals("auto", DeviceSpec.AUTO.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tpu", "gpu:", "gpu:-1", "gpu:x", "cpu:0", "gpu:12345"})
    void givenMalformedText_whenParsed_thenTheMessageNamesItAndTheValidForms(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSpec.parse(text));
        assertTrue(e.getMessage().contains("auto, cpu or gpu:N"), e.getMessage());
    }

    @Test
    void givenCpu_whenResolved_thenCpuDevice() {
        assertEquals(Device.cpu(), NativeRuntime.device("cpu"));
    }

    @Test
    void givenAuto_whenResolved_thenGpuZeroExactlyWhenOneIsUsable() {
        Engine engine = NativeRuntime.engine();
        Device expected = engine.getGpuCount() > 0 ? Device.gpu(0) : Device.cpu();
        assertEquals(expected, NativeRuntime.device("auto"));
    }

    @Test
    void givenAGpuThatDoesNotExist_whenResolved_thenTheMessageListsTheDevicesThatDo() {
        int usable = NativeRuntime.engine().getGpuCount();
        DeviceSpec missing = DeviceSpec.gpu(usable);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativeRuntime.device(missing));
        assertTrue(e.getMessage().contains("gpu:" + usable + " was requested"), e.getMessage());
        assertTrue(e.getMessage().contains("Available devices: [cpu"), e.getMessage());
        assertTrue(e.getMessage().contains("Use the device auto or cpu."), e.getMessage());
    }

    @Test
    @Tag("gpu")
    void givenACudaHost_whenGpuZeroResolved_thenItIsThatGpu() {
        assumeTrue(NativeRuntime.engine().getGpuCount() > 0, "no usable CUDA GPU");
        assertEquals(Device.gpu(0), NativeRuntime.device("gpu:0"));
    }
}
