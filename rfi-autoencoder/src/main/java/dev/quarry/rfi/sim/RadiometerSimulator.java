package dev.quarry.rfi.sim;

import dev.quarry.engine.loop.Seeds;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.progress.ProgressTask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Simulates SMAP-like footprints per {@code specs/rfi.md}. Footprint {@code i} depends only on the
 * config and {@code i} (its own derived seeds), so footprints can be generated in any order or in
 * parallel and still be reproduced exactly.
 *
 * <p>Fast mode draws each cell as {@code (Tsys + ΔT)·Gamma(1800, 1/1800) − T_rec} and each full-band
 * sample with shape 7 200, from the emitters' expected power, and T3/T4 as their true value plus
 * Gaussian noise of σ = √(2·T_V·T_H/1800). IQ mode draws circular Gaussian noise of power Tsys per
 * polarization at 24 MS/s, adds the emitters' waveforms, and channelizes; its ground truth is the
 * RFI-only waveform channelized the same way.
 */
public final class RadiometerSimulator {

    private final SimulatorConfig config;

    /**
     * A simulator.
     *
     * @param config what to draw
     */
    public RadiometerSimulator(SimulatorConfig config) {
        this.config = config;
    }

    /** @return the config */
    public SimulatorConfig config() {
        return config;
    }

    /**
     * Footprint {@code index}: draws its scene and sources, then observes them.
     *
     * @param index footprint number, ≥ 0
     * @return the footprint
     */
    public Footprint footprint(long index) {
        if (index < 0 || index > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Footprint index " + index + " must be in [0, 2^31).");
        }
        SplittableRandom random = new SplittableRandom(Seeds.derive(config.seed(), (int) index, "rfi:scene"));
        Scene scene = config.scenes().get(random.nextInt(config.scenes().size()));
        double sceneKelvin = random.nextDouble(scene.minKelvin(), scene.maxKelvin());
        List<RfiSource> sources = new ArrayList<>();
        if (random.nextDouble() >= config.cleanFraction()) {
            int count = 1 + random.nextInt(config.maxSources());
            for (int s = 0; s < count; s++) {
                sources.add(drawSource(random));
            }
        }
        return observe(scene, sceneKelvin, sources, Seeds.derive(config.seed(), (int) index, "rfi:noise"));
    }

    /**
     * Footprints {@code from … from + count − 1}, simulated on all cores; the result does not depend
     * on the number of threads.
     *
     * @param from first index
     * @param count how many
     * @param progress where progress goes
     * @return them, in index order
     */
    public List<Footprint> footprints(int from, int count, ProgressReporter progress) {
        Footprint[] out = new Footprint[count];
        try (ProgressTask task = progress.start("simulate " + count + " footprints ("
                + config.mode().name().toLowerCase(Locale.ROOT) + ")", count, "footprints")) {
            IntStream.range(0, count).parallel().forEach(i -> {
                out[i] = footprint(from + (long) i);
                synchronized (task) {
                    task.step(1);
                }
            });
        }
        return List.of(out);
    }

    private RfiSource drawSource(SplittableRandom random) {
        RfiType type = config.types().get(random.nextInt(config.types().size()));
        Emitter emitter = switch (type) {
            case FIVE_G -> FiveGDownlink.draw(random);
            case PULSED -> PulsedTone.draw(random);
            case CW -> ContinuousWave.draw(random);
            case CHIRP -> Chirp.draw(random);
        };
        double low = config.minInrDb();
        double high = config.maxInrDb();
        double focusLow = Math.max(low, -25);
        double focusHigh = Math.min(high, 0);
        boolean focus = focusLow < focusHigh && random.nextDouble() < config.focusFraction();
        double inr = focus ? random.nextDouble(focusLow, focusHigh) : low == high ? low : random.nextDouble(low, high);
        return new RfiSource(emitter, inr, random.nextDouble(Math.PI), random.nextDouble(-Math.PI / 2, Math.PI / 2));
    }

    /**
     * Observes a given scene and sources: the low-level entry for tests and sweeps.
     *
     * @param scene the scene
     * @param sceneKelvin its brightness temperature, K
     * @param sources the interferers
     * @param noiseSeed seed of the radiometer noise
     * @return the footprint in this simulator's mode
     */
    public Footprint observe(Scene scene, double sceneKelvin, List<RfiSource> sources, long noiseSeed) {
        if (!(sceneKelvin >= 0) || Double.isInfinite(sceneKelvin)) {
            throw new IllegalArgumentException("Scene temperature " + sceneKelvin + " K must be finite and >= 0.");
        }
        return config.mode() == SimulationMode.FAST
                ? observeFast(scene, sceneKelvin, sources, noiseSeed)
                : observeIq(scene, sceneKelvin, sources, noiseSeed);
    }

    private Footprint observeFast(Scene scene, double sceneKelvin, List<RfiSource> sources, long noiseSeed) {
        double receiver = config.receiverKelvin();
        double system = sceneKelvin + receiver;
        double[] rfi = new double[Radiometer.CELLS];
        double[] rfiFull = new double[2 * Radiometer.FULL_BAND_SAMPLES];
        double[] t3 = new double[Radiometer.CELLS_PER_POLARIZATION];
        double[] t4 = new double[Radiometer.CELLS_PER_POLARIZATION];
        for (RfiSource source : sources) {
            double power = source.kelvin(system);
            double[] map = source.emitter().expectedPower();
            for (int c = 0; c < Radiometer.CHANNELS; c++) {
                for (int s = 0; s < Radiometer.FULL_BAND_SAMPLES; s++) {
                    double value = power * map[c * Radiometer.FULL_BAND_SAMPLES + s];
                    int packet = s * Radiometer.PACKETS / Radiometer.FULL_BAND_SAMPLES;
                    int shareOfPacket = Radiometer.FULL_BAND_SAMPLES / Radiometer.PACKETS;
                    int cell = c * Radiometer.PACKETS + packet;
                    rfi[cell] += value * source.verticalShare() / shareOfPacket;
                    rfi[Radiometer.CELLS_PER_POLARIZATION + cell] += value * source.horizontalShare() / shareOfPacket;
                    t3[cell] += value * source.thirdStokesShare() / shareOfPacket;
                    t4[cell] += value * source.fourthStokesShare() / shareOfPacket;
                    rfiFull[s] += value * source.verticalShare() / Radiometer.CHANNELS;
                    rfiFull[Radiometer.FULL_BAND_SAMPLES + s] += value * source.horizontalShare() / Radiometer.CHANNELS;
                }
            }
        }
        RandomGenerator noise = new Well19937c(noiseSeed);
        GammaDistribution cellGain = new GammaDistribution(noise, Radiometer.CELL_BANDWIDTH_TIME,
                1.0 / Radiometer.CELL_BANDWIDTH_TIME);
        GammaDistribution fullGain = new GammaDistribution(noise, Radiometer.FULL_BAND_BANDWIDTH_TIME,
                1.0 / Radiometer.FULL_BAND_BANDWIDTH_TIME);
        float[] cells = new float[Radiometer.CELLS];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = (float) ((system + rfi[i]) * cellGain.sample() - receiver);
        }
        float[] fullBand = new float[rfiFull.length];
        for (int i = 0; i < fullBand.length; i++) {
            fullBand[i] = (float) ((system + rfiFull[i]) * fullGain.sample() - receiver);
        }
        float[] thirdStokes = new float[t3.length];
        float[] fourthStokes = new float[t4.length];
        for (int i = 0; i < t3.length; i++) {
            double v = system + rfi[i];
            double h = system + rfi[Radiometer.CELLS_PER_POLARIZATION + i];
            double sigma = Math.sqrt(2 * v * h / Radiometer.CELL_BANDWIDTH_TIME);
            thirdStokes[i] = (float) (t3[i] + sigma * noise.nextGaussian());
            fourthStokes[i] = (float) (t4[i] + sigma * noise.nextGaussian());
        }
        return new Footprint(SimulationMode.FAST, scene, sceneKelvin, receiver, sources, cells, toFloat(rfi, 0),
                fullBand, toFloat(rfiFull, 0), thirdStokes, fourthStokes, null, null);
    }

    private Footprint observeIq(Scene scene, double sceneKelvin, List<RfiSource> sources, long noiseSeed) {
        double receiver = config.receiverKelvin();
        double system = sceneKelvin + receiver;
        int n = Radiometer.SAMPLES;
        double[] vRe = new double[n];
        double[] vIm = new double[n];
        double[] hRe = new double[n];
        double[] hIm = new double[n];
        double[] sRe = new double[n];
        double[] sIm = new double[n];
        for (RfiSource source : sources) {
            Arrays.fill(sRe, 0);
            Arrays.fill(sIm, 0);
            source.emitter().synthesize(sRe, sIm, Math.sqrt(source.kelvin(system)));
            double cv = Math.cos(source.angle());
            double ch = Math.sin(source.angle());
            double cosPhase = Math.cos(source.phase());
            double sinPhase = Math.sin(source.phase());
            for (int t = 0; t < n; t++) {
                vRe[t] += cv * sRe[t];
                vIm[t] += cv * sIm[t];
                hRe[t] += ch * (sRe[t] * cosPhase - sIm[t] * sinPhase);
                hIm[t] += ch * (sRe[t] * sinPhase + sIm[t] * cosPhase);
            }
        }
        Channelizer.Output truth = sources.isEmpty() ? null : Channelizer.run(vRe, vIm, hRe, hIm, false);
        SplittableRandom noise = new SplittableRandom(noiseSeed);
        double sigma = Math.sqrt(system / 2);
        double[][] parts = {vRe, vIm, hRe, hIm};
        for (double[] part : parts) {
            for (int t = 0; t < n; t++) {
                part[t] += sigma * noise.nextGaussian();
            }
        }
        Channelizer.Output measured = Channelizer.run(vRe, vIm, hRe, hIm, true);
        float[] rfiCells = truth == null ? new float[Radiometer.CELLS] : toFloat(truth.cells(), 0);
        float[] rfiFull = truth == null ? new float[2 * Radiometer.FULL_BAND_SAMPLES] : toFloat(truth.fullBand(), 0);
        return new Footprint(SimulationMode.IQ, scene, sceneKelvin, receiver, sources,
                toFloat(measured.cells(), receiver), rfiCells, toFloat(measured.fullBand(), receiver), rfiFull,
                toFloat(measured.thirdStokes(), 0), toFloat(measured.fourthStokes(), 0),
                toFloat(measured.fullBandKurtosis(), 0), toFloat(measured.subBandKurtosis(), 0));
    }

    private static float[] toFloat(double[] values, double minus) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (values[i] - minus);
        }
        return out;
    }
}
