package dev.quarry.spark;

import dev.quarry.bayesian.GumbelTopK;

import java.io.Serializable;
import java.util.Comparator;

/**
 * One item's draw in stochastic batch acquisition: its score, and the Gumbel key drawn from the
 * round and its id ({@link GumbelTopK#draw}), so a partition draws what one process draws.
 *
 * @param id the item
 * @param score its acquisition score
 * @param draw its key
 */
record ItemDraw(long id, float score, GumbelTopK.Draw draw) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Draw order: items with weight first, then the higher key, then the lower id, as {@link GumbelTopK} orders them. */
    static final class Order implements Comparator<ItemDraw>, Serializable {

        private static final long serialVersionUID = 1L;

        @Override
        public int compare(ItemDraw a, ItemDraw b) {
            if (a.draw.weighted() != b.draw.weighted()) {
                return a.draw.weighted() ? -1 : 1;
            }
            int byKey = Float.compare(b.draw.key() + 0.0f, a.draw.key() + 0.0f);
            return byKey != 0 ? byKey : Long.compare(a.id, b.id);
        }
    }
}
