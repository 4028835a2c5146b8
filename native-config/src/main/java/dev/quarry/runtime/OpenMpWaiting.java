package dev.quarry.runtime;

import java.util.Optional;

/**
 * How libtorch's OpenMP threads wait, which decides how Quarry shares a busy machine. libgomp reads
 * {@value #VARIABLE} once, when libtorch loads. Unset, its idle threads spin before they sleep and
 * take the cores that other processes, and this process's own next step, are waiting for: a short
 * {@code quarry run} beside two CPU hogs took 3–4× its quiet time, against about 2× (a fair share)
 * with {@code PASSIVE}, which is no slower when the machine is quiet (see {@code docs/bench}). The
 * {@code quarry} launcher and the test suite set {@code PASSIVE}; a JVM cannot change its own
 * environment, so a program that uses Quarry as a library sets it before Java starts.
 */
public final class OpenMpWaiting {

    /** The environment variable libgomp reads. */
    public static final String VARIABLE = "OMP_WAIT_POLICY";

    private OpenMpWaiting() {}

    /**
     * The policy this process started with.
     *
     * @return the variable's value, or empty when unset (libgomp then spins first)
     */
    public static Optional<String> policy() {
        return Optional.ofNullable(System.getenv(VARIABLE)).filter(v -> !v.isBlank());
    }

    /**
     * A line for {@code quarry doctor}.
     *
     * @return the policy and, when unset, what to do on a shared machine
     */
    public static String describe() {
        return policy().map(p -> p + " (" + VARIABLE + ")").orElse("unset: idle libtorch threads spin; export "
                + VARIABLE + "=PASSIVE before starting Java on a shared machine (the quarry launcher does)");
    }
}
