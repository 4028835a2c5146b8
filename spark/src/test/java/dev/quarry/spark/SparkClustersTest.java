package dev.quarry.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import scala.Tuple2;

/** TypiClust's rules on the cluster, on cases worked by hand (no Spark session needed). */
class SparkClustersTest {

    @Test
    void givenClustersInOrder_thenRoundRobinVisitsSkipExhaustedOnesUntilTheBudgetIsSpent() {
        Map<Integer, Integer> unlabeled = Map.of(7, 1, 3, 3, 5, 0);
        // Visit 1: 7 and 3; 5 has none. Visit 2: 7 is spent, 3 again. Visit 3: 3 again; the budget of 4 is spent.
        assertEquals(Map.of(7, 1, 3, 3), SparkClusters.visits(List.of(7, 3, 5), unlabeled::get, 4));
        assertEquals(Map.of(7, 1, 3, 1), SparkClusters.visits(List.of(7, 3, 5), unlabeled::get, 2));
    }

    @Test
    void givenPointsOnALine_thenTypicalityIsOneOverTheMeanDistanceToTheKNearestAndLabeledMembersAreOnlyNeighbours() {
        float[] x = {0, 1, 2, 3, 4, 10, 11};
        List<Tuple2<Integer, Tuple2<Long, float[]>>> members = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            members.add(new Tuple2<>(0, new Tuple2<>((long) i, new float[] {x[i]})));
        }
        // Seven members: K = min(20, 7 / 2) = 3. Item 1: distances 1, 1, 2 -> 3 / 4; item 2 the same (tie: the
        // lower id first); item 3 the same, but labeled; items 0 and 4: 1, 2, 3 -> 1 / 2.
        List<SparkClusters.Typical> top = SparkClusters.mostTypical(members, Set.of(3L), 4);
        assertEquals(List.of(new SparkClusters.Typical(1, 0.75f), new SparkClusters.Typical(2, 0.75f),
                new SparkClusters.Typical(0, 0.5f), new SparkClusters.Typical(4, 0.5f)), top);
    }
}
