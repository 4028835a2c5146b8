package dev.quarry.bayesian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import org.junit.jupiter.api.Test;

class VectorLogTest {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

    @Test
    void givenFloatsAcrossTheRangeOfProbabilities_whenLogged_thenWithin1UlpOfTheExactLog() {
        SplittableRandom random = new SplittableRandom(3);
        float[] x = new float[1 << 20];
        for (int i = 0; i < x.length; i++) {
            // Log-uniform over [MIN_NORMAL, 2), plus the edges.
            x[i] = (float) Math.exp(random.nextDouble(Math.log(Float.MIN_NORMAL), Math.log(2)));
        }
        x[0] = Float.MIN_NORMAL;
        x[1] = 1f;
        x[2] = Math.nextDown(1f);
        x[3] = 0.70710677f;
        float[] logs = new float[x.length];
        for (int i = 0; i < x.length; i += FLOATS.length()) {
            VectorLog.ln(FloatVector.fromArray(FLOATS, x, i)).intoArray(logs, i);
        }
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double exact = StrictMath.log(x[i]);
            worst = Math.max(worst, Math.abs(logs[i] - exact) / Math.ulp((float) exact));
        }
        assertTrue(worst <= 1.0, "worst error " + worst + " ulp");
        assertTrue(logs[1] == 0f, "ln 1 = " + logs[1]);
        // Only IEEE operations, so every lane is bit for bit the scalar formula, compiled or not.
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(scalarLn(x[i])), Float.floatToRawIntBits(logs[i]), "ln " + x[i]);
        }
    }

    /** The formula of {@link VectorLog#ln} on one float. */
    private static float scalarLn(float x) {
        int bits = Float.floatToRawIntBits(x) + (0x3f800000 - 0x3f3504f3);
        float k = (bits >> 23) - 0x7f;
        float f = Float.intBitsToFloat((bits & 0x007fffff) + 0x3f3504f3) - 1f;
        float s = f / (f + 2f);
        float z = s * s;
        float w = z * z;
        float r = z * (w * 0.28498786688f + 0.66666662693f) + w * (w * 0.24279078841f + 0.40000972152f);
        float halfSquare = f * f * 0.5f;
        return s * (halfSquare + r) + k * 9.0580006145e-06f - halfSquare + f + k * 6.9313812256e-01f;
    }
}
