/**
 * Quarry's active learning core.
 *
 * <p>The subpackages follow one round's data flow: {@code data} reads datasets (IDX, NPY, the
 * embedded Fashion-MNIST subset); {@code pool} keeps the label bookkeeping (one {@code
 * labeledAtRound} array, 0 = unlabeled); {@code model} adapts DJL classifiers (training, batched
 * and MC-dropout inference, embeddings); {@code strategy} is the query-strategy SPI and registry;
 * {@code loop} runs train → evaluate → score → select → label → checkpoint; {@code metrics},
 * {@code report} and {@code progress} measure and show it; {@code experiment} builds a whole run
 * from a config file.
 *
 * <p>Rules that hold across the engine: every id crossing an API is a global item id; pool
 * positions never leak. Model outputs are {@code (N, C)} probabilities, {@code (N, T, C)} MC
 * probabilities and {@code (N, d)} embeddings, all float32, validated at each public entry.
 * Native temporaries live in a child manager or an {@code NDScope}; only Java arrays and records
 * leave a round.
 */
package dev.quarry.engine;
