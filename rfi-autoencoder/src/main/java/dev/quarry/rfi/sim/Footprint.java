package dev.quarry.rfi.sim;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One simulated footprint: what the radiometer measured and the ground truth behind it. Temperatures
 * are calibrated antenna temperatures in kelvin (the receiver's own temperature removed, its noise
 * kept). Arrays follow {@link Radiometer}'s indexing.
 *
 * @param mode how it was simulated
 * @param scene what it looks at
 * @param sceneKelvin the true brightness temperature (the same in V and H)
 * @param receiverKelvin the receiver temperature (Tsys = scene + receiver)
 * @param sources the interferers, empty for a clean footprint
 * @param cells measured sub-band cells, {@link Radiometer#CELLS}
 * @param rfiCells ground truth: the RFI power in each cell, K
 * @param fullBand measured full-band samples, {@code 2 × 32}
 * @param fullBandRfi ground truth: the RFI power in each full-band sample, K
 * @param thirdStokes measured T3 per sub-band cell, {@code 16 × 8}
 * @param fourthStokes measured T4 per sub-band cell, {@code 16 × 8}
 * @param fullBandKurtosis {@code m4/m2²} of I and Q per full-band sample, index
 *     {@code (polarization · 2 + component) · 32 + sample}; null in fast mode
 * @param subBandKurtosis {@code m4/m2²} of the channel outputs' real and imaginary parts per cell, index
 *     {@code (polarization · 2 + component) · 128 + channel · 8 + packet}; null in fast mode
 */
public record Footprint(SimulationMode mode, Scene scene, double sceneKelvin, double receiverKelvin,
        List<RfiSource> sources, float[] cells, float[] rfiCells, float[] fullBand, float[] fullBandRfi,
        float[] thirdStokes, float[] fourthStokes, float[] fullBandKurtosis, float[] subBandKurtosis) {

    /** A cell counts as contaminated above this RFI power. */
    public static final double CONTAMINATED_KELVIN = 1.0;

    /** Copies the source list. */
    public Footprint {
        sources = List.copyOf(sources);
    }

    /** @return Tsys, K */
    public double systemKelvin() {
        return sceneKelvin + receiverKelvin;
    }

    /** @return whether the kurtosis statistics exist (IQ mode) */
    public boolean hasKurtosis() {
        return fullBandKurtosis != null;
    }

    /** @return the strongest source's type, empty for a clean footprint */
    public Optional<RfiType> dominantType() {
        return sources.stream().max(Comparator.comparingDouble(RfiSource::inrDb)).map(s -> s.emitter().type());
    }

    /** @return {@code clean} or the dominant RFI type's id: the footprint's class */
    public String label() {
        return dominantType().map(RfiType::id).orElse("clean");
    }

    /** @return the combined INR of all sources, dB; negative infinity when clean */
    public double inrDb() {
        double linear = 0;
        for (RfiSource source : sources) {
            linear += Math.pow(10, source.inrDb() / 10);
        }
        return 10 * Math.log10(linear);
    }

    /** @return whether each cell holds more than 1 K of RFI */
    public boolean[] contaminated() {
        boolean[] out = new boolean[rfiCells.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rfiCells[i] > CONTAMINATED_KELVIN;
        }
        return out;
    }

    /**
     * The footprint as it would have been measured without the RFI, with the same noise draw: a cell
     * reads {@code (Tsys + ΔT)·g − T_rec} with gain noise {@code g}, so without RFI it reads
     * {@code (cell + T_rec)·Tsys / (Tsys + ΔT) − T_rec}. (Subtracting ΔT instead would keep the RFI's
     * own radiometric noise, ΔT/42.4 per cell.) Exact in fast mode; in IQ mode it leaves out the
     * noise × RFI cross terms, which average to zero.
     *
     * @return per cell, K
     */
    public float[] cleanCells() {
        float[] out = new float[cells.length];
        double system = systemKelvin();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) clean(cells[i], rfiCells[i], system, receiverKelvin);
        }
        return out;
    }

    /**
     * One cell without its RFI (see {@link #cleanCells()}).
     *
     * @param cell measured, K
     * @param rfi its RFI power, K
     * @param system Tsys, K
     * @param receiver T_rec, K
     * @return the cell without RFI, K
     */
    public static double clean(double cell, double rfi, double system, double receiver) {
        return (cell + receiver) * system / (system + rfi) - receiver;
    }

    /** @return the mean measured temperature over all cells: the unmitigated footprint estimate */
    public double meanCellKelvin() {
        double sum = 0;
        for (float v : cells) {
            sum += v;
        }
        return sum / cells.length;
    }
}
