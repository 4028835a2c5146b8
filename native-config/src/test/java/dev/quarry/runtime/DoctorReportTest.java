package dev.quarry.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DoctorReportTest {

    @Test
    void givenTheDefaultBuild_whenInspected_thenEngineFlavorThreadsAndOfflineAreReported() {
        DoctorReport report = DoctorReport.inspect();
        assertTrue(report.entries().get("engine").startsWith("PyTorch 2.7.1 (DJL 0.36.0)"), report.render());
        // Tests run on the default (CPU natives) build unless a CUDA libtorch was configured.
        String flavor = report.entries().get("libtorch flavor");
        assertTrue(flavor.equals("cpu") || flavor.startsWith("cu"), flavor);
        String natives = report.entries().get("natives loaded from");
        assertTrue(natives.contains("2.7.1-") && natives.contains("-" + flavor + "-"), report.render());
        // Surefire starts the engine with 2 intra-op threads and 1 inter-op thread.
        assertTrue(report.entries().get("threads").startsWith("intra-op 2, inter-op 1"), report.render());
        assertEquals("true", report.entries().get("offline"));
        // Surefire sets the waiting policy of a shared machine.
        assertEquals("PASSIVE (OMP_WAIT_POLICY)", report.entries().get("OpenMP waiting"));
        assertTrue(report.render().startsWith("Quarry doctor\n  engine"), report.render());
    }

    @Test
    void givenDjlCacheDirectoryNames_whenParsed_thenFlavorIsExtracted() {
        assertEquals("cpu", PyTorchNatives.flavorFromDirectoryName("2.7.1-cpu-linux-x86_64").orElseThrow());
        assertEquals("cu128", PyTorchNatives.flavorFromDirectoryName("2.7.1-cu128-linux-x86_64").orElseThrow());
        assertTrue(PyTorchNatives.flavorFromDirectoryName("libtorch").isEmpty());
    }
}
