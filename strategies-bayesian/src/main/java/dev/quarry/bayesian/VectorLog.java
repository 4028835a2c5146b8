package dev.quarry.bayesian;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The natural log of float vectors from additions, multiplications, a division and bit operations
 * only (fdlibm's {@code logf} as musl writes it, within 1 ulp). The Vector API's own {@code LOG} is
 * not used: compiled, it is the CPU's vector math library; interpreted, before the JIT has compiled
 * the caller, it is {@code Math.log} lane by lane, and the two round differently, so the same
 * input would score differently from run to run. IEEE arithmetic rounds the same in both.
 */
final class VectorLog {

    private static final float LN2_HI = 6.9313812256e-01f;
    private static final float LN2_LO = 9.0580006145e-06f;
    private static final float LG1 = 0.66666662693f;
    private static final float LG2 = 0.40000972152f;
    private static final float LG3 = 0.28498786688f;
    private static final float LG4 = 0.24279078841f;
    /** The bits of 1 and of sqrt(1/2): mantissas are moved into [sqrt(1/2), sqrt(2)). */
    private static final int ONE = 0x3f800000;
    private static final int HALF_SQRT2 = 0x3f3504f3;

    private VectorLog() {}

    /**
     * {@code ln x} lane by lane.
     *
     * @param x positive, normal, finite values
     * @return their logs
     */
    static FloatVector ln(FloatVector x) {
        IntVector bits = x.reinterpretAsInts().add(ONE - HALF_SQRT2);
        FloatVector k = (FloatVector) bits.lanewise(VectorOperators.ASHR, 23).sub(0x7f).convert(VectorOperators.I2F, 0);
        FloatVector f = bits.and(0x007fffff).add(HALF_SQRT2).reinterpretAsFloats().sub(1f);
        FloatVector s = f.div(f.add(2f));
        FloatVector z = s.mul(s);
        FloatVector w = z.mul(z);
        FloatVector r = z.mul(w.mul(LG3).add(LG1)).add(w.mul(w.mul(LG4).add(LG2)));
        FloatVector halfSquare = f.mul(f).mul(0.5f);
        return s.mul(halfSquare.add(r)).add(k.mul(LN2_LO)).sub(halfSquare).add(f).add(k.mul(LN2_HI));
    }
}
