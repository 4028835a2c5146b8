/**
 * The {@code quarry} command line (picocli).
 *
 * <p>Subcommands: {@code run}, {@code compare}, {@code resume}, {@code demo}, {@code strategies}
 * and {@code doctor}. Exit codes: 0 success, 2 bad usage or bad input (unknown strategy or option,
 * missing or corrupt files, impossible budgets, a device that does not exist), 1 anything else.
 * Results go to standard output; progress bars and errors to standard error.
 *
 * <p>This module owns no active learning logic: every command maps its options onto an {@code
 * ExperimentConfig} (defaults, then a config file, then flags) and calls the engine.
 */
package dev.quarry.cli;
