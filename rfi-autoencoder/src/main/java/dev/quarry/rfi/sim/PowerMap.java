package dev.quarry.rfi.sim;

/**
 * Helpers for an emitter's expected power map ({@code CHANNELS × FULL_BAND_SAMPLES}, index
 * {@code channel · 32 + interval}): spreading power that is on for a span of samples over the 0.3 ms
 * intervals it overlaps, and normalizing the map to mean 1.
 */
final class PowerMap {

    static final int SIZE = Radiometer.CHANNELS * Radiometer.FULL_BAND_SAMPLES;

    private PowerMap() {}

    /**
     * Adds channel powers that are on during samples {@code [start, end)}; the part outside the
     * footprint is dropped.
     */
    static void addSpan(double[] map, long start, long end, double[] channelPower) {
        long from = Math.max(0, start);
        long to = Math.min(Radiometer.SAMPLES, end);
        int width = Radiometer.SAMPLES_PER_FULL_BAND;
        while (from < to) {
            int interval = (int) (from / width);
            long intervalEnd = (interval + 1L) * width;
            long stop = Math.min(to, intervalEnd);
            double share = (stop - from) / (double) width;
            for (int c = 0; c < Radiometer.CHANNELS; c++) {
                map[c * Radiometer.FULL_BAND_SAMPLES + interval] += share * channelPower[c];
            }
            from = stop;
        }
    }

    /**
     * Scales a map to mean 1.
     *
     * @return the factor applied
     * @throws IllegalStateException when the map holds no power inside the band
     */
    static double normalize(double[] map, String emitter) {
        double sum = 0;
        for (double v : map) {
            sum += v;
        }
        double mean = sum / map.length;
        if (!(mean > 1e-12)) {
            throw new IllegalStateException(emitter + " puts no power into the 24 MHz band during the footprint.");
        }
        for (int i = 0; i < map.length; i++) {
            map[i] /= mean;
        }
        return 1 / mean;
    }
}
