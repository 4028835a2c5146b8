package dev.quarry.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Seeded synthetic embeddings shaped like a trained model's: points around many cluster centers. */
final class Embeddings {

    private Embeddings() {}

    /**
     * Points around 64 random centers, on the manager's device.
     *
     * @param manager where they live
     * @param rows N
     * @param width d
     * @param seed the seed
     * @return {@code (N, d)} float32
     */
    static NDArray clustered(NDManager manager, int rows, int width, int seed) {
        return clustered(manager, rows, width, 64, seed);
    }

    /**
     * Points around random centers, on the manager's device.
     *
     * @param manager where they live
     * @param rows N
     * @param width d
     * @param components how many centers
     * @param seed the seed
     * @return {@code (N, d)} float32
     */
    static NDArray clustered(NDManager manager, int rows, int width, int components, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        NDArray centers = manager.randomNormal(new Shape(components, width)).mul(4f);
        NDArray which = manager.randomInteger(0, components, new Shape(rows), DataType.INT64);
        NDArray noise = manager.randomNormal(new Shape(rows, width));
        NDArray out = centers.get(which).add(noise);
        centers.close();
        which.close();
        noise.close();
        return out;
    }
}
