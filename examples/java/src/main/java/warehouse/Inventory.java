package warehouse;

import java.util.ArrayList;

/** Item names with their counts, in the order they were first stocked. */
public class Inventory {
    private ArrayList<String> names;
    private ArrayList<Integer> counts;

    public Inventory() {
        names = new ArrayList<>();
        counts = new ArrayList<>();
    }

    /** Stock more of an item; returns its new count. */
    public int add(String name, int count) {
        int i = names.indexOf(name);
        if (i < 0) {
            names.add(name);
            counts.add(count);
            return count;
        }
        counts.set(i, counts.get(i) + count);
        return counts.get(i);
    }

    /** Take items out; false (and no change) when there are not enough. */
    public boolean remove(String name, int count) {
        int i = names.indexOf(name);
        if (i < 0 || counts.get(i) < count) {
            return false;
        }
        counts.set(i, counts.get(i) - count);
        return true;
    }

    public int total() {
        int sum = 0;
        for (int c : counts) {
            sum += c;
        }
        return sum;
    }

    /** Name of the item with the largest count ("" when empty). */
    public String largest() {
        String best = "";
        int bestCount = -1;
        for (int i = 0; i < names.size(); i++) {
            if (counts.get(i) > bestCount) {
                bestCount = counts.get(i);
                best = names.get(i);
            }
        }
        return best;
    }

    /** Value of the stock, prices given in stocking order. */
    public double value(double[] prices) {
        int[] quantities = new int[counts.size()];
        for (int i = 0; i < quantities.length; i++) {
            quantities[i] = counts.get(i);
        }
        return StockMath.totalValue(quantities, prices, quantities.length);
    }
}
