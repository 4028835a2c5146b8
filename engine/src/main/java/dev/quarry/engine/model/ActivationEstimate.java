package dev.quarry.engine.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * An upper bound on the activation memory one item needs in a forward pass: the float32 sizes of
 * every intermediate output, walking {@link SequentialBlock}s layer by layer (a forward that keeps
 * all intermediates alive, as DJL's NDArrays do until their scope closes, holds them all at once).
 */
final class ActivationEstimate {

    private ActivationEstimate() {}

    static long bytesPerItem(Block block, Shape input) {
        return elements(block, new Shape[] {input}) * Float.BYTES;
    }

    private static long elements(Block block, Shape[] input) {
        if (block instanceof SequentialBlock sequential) {
            long total = 0;
            Shape[] shapes = input;
            for (Block child : sequential.getChildren().values()) {
                total += elements(child, shapes);
                shapes = child.getOutputShapes(shapes);
            }
            return total;
        }
        long total = 0;
        for (Shape s : block.getOutputShapes(input)) {
            total += s.size();
        }
        return total;
    }
}
