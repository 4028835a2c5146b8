package dev.quarry.rfi.eval;

/**
 * What each method made of one footprint.
 *
 * @param type {@code clean} or the dominant RFI type
 * @param bin its INR bin
 * @param sceneKelvin the true brightness temperature
 * @param floorKelvin the footprint NEDT, Tsys / 480: the error no estimator can beat
 * @param estimates per method and polarization, index {@code method.ordinal() · 2 + polarization}, K;
 *     NaN where the method lost the polarization
 * @param smap SMAP-like detection counts
 * @param autoencoder autoencoder-residual detection counts
 */
public record FootprintOutcome(String type, InrBin bin, double sceneKelvin, double floorKelvin, double[] estimates, CellCounts smap,
        CellCounts autoencoder) {

    /**
     * One estimate.
     *
     * @param method the method
     * @param polarization 0 = V, 1 = H
     * @return the estimate, K, or NaN when lost
     */
    public double estimate(Method method, int polarization) {
        return estimates[method.ordinal() * 2 + polarization];
    }
}
