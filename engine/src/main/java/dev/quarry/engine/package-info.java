/**
 * Quarry's active learning core.
 *
 * <p>The subpackages follow one round's data flow: {@code data} holds item sources and their readers
 * (IDX, NPY images or vectors, CSV tables, the embedded Fashion-MNIST subset); {@code labels} keeps
 * the label ledger (one {@code labeledAtRound} array, 0 = unlabeled) and the initial draw; {@code
 * model} holds the learner SPI and learners (CNN, MLP, user DJL blocks, TorchScript) with their one
 * seeded training helper; {@code strategy} is the scorer/selector SPI, the one query path and the
 * registry; {@code loop} orchestrates train → evaluate → select → label → checkpoint; {@code
 * metrics}, {@code report} and {@code progress} measure and show it; {@code experiment} builds a
 * whole run from a config file; {@code errors} tells bad input from model failure.
 *
 * <p>Rules that hold across the engine: every id crossing an API is a global item id; pool
 * positions never leak. Model outputs are {@code (N, C)} probabilities, {@code (N, T, C)} MC
 * probabilities and {@code (N, d)} embeddings, all float32, validated at each public entry.
 * Native temporaries live in a child manager or an {@code NDScope}; only Java arrays and records
 * leave a round.
 */
package dev.quarry.engine;
