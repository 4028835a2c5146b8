package dev.quarry.engine.report;

/**
 * One line on a learning-curve chart.
 *
 * @param name the legend entry
 * @param labeled x: labeled counts
 * @param accuracy y: test accuracy
 * @param spread error bars (one standard deviation), or null for none
 */
public record Curve(String name, double[] labeled, double[] accuracy, double[] spread) {

    /**
     * Checks the lengths.
     *
     * @param name the legend entry
     * @param labeled x values
     * @param accuracy y values
     * @param spread error bars or null
     */
    public Curve {
        if (labeled.length != accuracy.length || (spread != null && spread.length != labeled.length)) {
            throw new IllegalArgumentException("Curve " + name + ": x, y and spread lengths differ.");
        }
    }
}
