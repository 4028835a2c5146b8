package dev.quarry.engine.strategy;

import java.util.SplittableRandom;

/**
 * Beta variates from a seeded generator, as the ratio {@code X / (X + Y)} of two Gamma variates
 * drawn with Marsaglia and Tsang's method (shape below 1 boosted by {@code U^(1/shape)}).
 *
 * <h2>References</h2>
 * Marsaglia, Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3), 2000.
 */
final class BetaSampling {

    private BetaSampling() {}

    /**
     * One draw of {@code Beta(a, b)}.
     *
     * @param a the first shape, > 0
     * @param b the second shape, > 0
     * @param random the generator
     * @return a value in [0, 1]
     */
    static double draw(double a, double b, SplittableRandom random) {
        double x = gamma(a, random);
        double y = gamma(b, random);
        return x / (x + y);
    }

    /**
     * One draw of {@code Gamma(shape, 1)}.
     *
     * @param shape the shape, > 0
     * @param random the generator
     * @return a value > 0
     */
    static double gamma(double shape, SplittableRandom random) {
        if (shape < 1) {
            double u = random.nextDouble();
            return gamma(shape + 1, random) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gaussian(random);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** A standard normal variate (Box–Muller, one of the pair). */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble(); // (0, 1]
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
