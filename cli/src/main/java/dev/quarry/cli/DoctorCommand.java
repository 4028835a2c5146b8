package dev.quarry.cli;

import dev.quarry.runtime.DoctorReport;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code quarry doctor}: what engine, natives and devices this machine has. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Show the engine, libtorch flavor, CUDA, GPUs, threads and offline mode.")
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptionsMixin runtime;

    @Override
    public Integer call() {
        runtime.apply();
        spec.commandLine().getOut().print(DoctorReport.inspect().render());
        spec.commandLine().getOut().flush();
        return QuarryCommand.OK;
    }
}
