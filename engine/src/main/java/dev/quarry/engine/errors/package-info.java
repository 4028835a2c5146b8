/**
 * Quarry's exceptions by cause, so that a caller (the CLI turns them into exit codes a script relies
 * on) can tell bad input from a failure of the model.
 *
 * <ul>
 *   <li>{@link dev.quarry.engine.errors.InvalidInputException}: what the user gave is wrong (a shape,
 *       a NaN in their data, an option, a budget larger than the pool); fixing the input fixes it.
 *       It is an {@link java.lang.IllegalArgumentException}, as the JDK's own argument checks are.
 *   <li>{@link dev.quarry.engine.errors.ModelFailureException}: the input was fine but the model or
 *       the numerics failed (training diverged, NaN model outputs, MC passes that do not differ);
 *       its message says what to try.
 * </ul>
 * Messages here never name CLI flags: an exception may carry the configuration setting it is about
 * ({@link dev.quarry.engine.errors.Setting}, by its configuration-file name), and the CLI adds its
 * flag.
 */
package dev.quarry.engine.errors;
