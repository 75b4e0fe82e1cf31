package warehouse;

/**
 * Arithmetic the warehouse planners use every day: stock values, reorder
 * counts, pallet arrangements and pack sizes.
 */
public class StockMath {

    /** Value of the first n stock lines: quantity times unit price. */
    public static double totalValue(int[] quantities, double[] prices, int n) {
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += quantities[i] * prices[i];
        }
        return sum;
    }

    /** How many bins hold fewer items than the threshold. */
    public static int reorderCount(int[] levels, int threshold) {
        int count = 0;
        for (int level : levels) {
            if (level < threshold) {
                count++;
            }
        }
        return count;
    }

    /** n! as a long: the ways to order n pallets on a truck (n <= 20). */
    public static long factorial(int n) {
        if (n <= 1) {
            return 1L;
        }
        return n * factorial(n - 1);
    }

    // Euclid's algorithm, recursive.
    public static int gcd(int a, int b) {
        if (b == 0) {
            return a;
        }
        return gcd(b, a % b);
    }

    /** Smallest order that can be split into packs of a and of b. */
    public static int lcm(int a, int b) {
        return a / gcd(a, b) * b;
    }

    /** Trial division; used to size the hash of bin codes. */
    public static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        int d = 2;
        while (d * d <= n) {
            if (n % d == 0) {
                return false;
            }
            d++;
        }
        return true;
    }
}
