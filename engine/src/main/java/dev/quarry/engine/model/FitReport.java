package dev.quarry.engine.model;

/**
 * What one round's training did: what a run without a test set can still report.
 *
 * @param epochs the epochs run
 * @param steps the optimizer steps taken
 * @param finalLoss the mean training loss of the last epoch
 */
public record FitReport(int epochs, long steps, double finalLoss) {}
