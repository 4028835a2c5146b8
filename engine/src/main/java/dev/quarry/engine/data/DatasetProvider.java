package dev.quarry.engine.data;

import java.io.IOException;

/**
 * A dataset another module contributes, found by name through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.quarry.engine.data.DatasetProvider}), so that {@code --dataset NAME}
 * works for data the engine cannot read itself, such as the RF simulator's footprints.
 */
public interface DatasetProvider {

    /** @return the {@code --dataset} name, lower case */
    String name();

    /**
     * Makes the pool and test set.
     *
     * @param spec the requested sizes ({@code 0} = the provider's default) and split seed
     * @return the pool and test set
     * @throws IOException when reading fails
     */
    ExperimentData load(DatasetSpec spec) throws IOException;
}
