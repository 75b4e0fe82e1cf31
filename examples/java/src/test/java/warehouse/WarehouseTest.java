package warehouse;

/** Plain checks, no test framework: exits with status 1 on the first failure. */
public class WarehouseTest {
    private static int checks = 0;

    private static void check(boolean ok, String what) {
        checks++;
        if (!ok) {
            System.out.println("FAILED: " + what);
            System.exit(1);
        }
    }

    public static void main(String[] args) {
        check(StockMath.totalValue(new int[] {2, 3, 9}, new double[] {1.5, 2.0, 100.0}, 2) == 9.0, "totalValue");
        check(StockMath.reorderCount(new int[] {5, 0, 12, 3}, 5) == 2, "reorderCount");
        check(StockMath.factorial(0) == 1L && StockMath.factorial(5) == 120L, "factorial small");
        check(StockMath.factorial(20) == 2432902008176640000L, "factorial 20");
        check(StockMath.gcd(12, 18) == 6 && StockMath.gcd(5, 0) == 5, "gcd");
        check(StockMath.lcm(4, 6) == 12, "lcm");
        check(StockMath.isPrime(97) && !StockMath.isPrime(91) && !StockMath.isPrime(1), "isPrime");

        int[][] grid = {{1, 2, 3}, {9, 0, 0}, {4, 4, 4}};
        check(Bins.busiestRow(grid) == 2, "busiestRow");
        check(Bins.busiestRow(new int[0][0]) == -1, "busiestRow empty");
        check(Bins.countChar("A-0707", '7') == 2, "countChar");
        check(Bins.binLabel(2, 7).equals("C-07"), "binLabel 2,7");
        check(Bins.binLabel(0, 123).equals("A-123"), "binLabel 0,123");
        check(Bins.isValidCode("C-07") && !Bins.isValidCode("c-07") && !Bins.isValidCode("C-0x"), "isValidCode");
        check(Bins.compress("AAAB").equals("A3B1") && Bins.compress("").equals(""), "compress");

        Inventory inv = new Inventory();
        check(inv.largest().equals("") && inv.total() == 0, "empty inventory");
        check(inv.add("bolt", 10) == 10 && inv.add("nut", 25) == 25 && inv.add("bolt", 5) == 15, "add");
        check(inv.remove("nut", 5) && !inv.remove("nut", 100) && !inv.remove("gear", 1), "remove");
        check(inv.total() == 35, "total");
        check(inv.largest().equals("nut"), "largest");
        check(inv.value(new double[] {0.5, 0.25}) == 12.5, "value");

        System.out.println("OK " + checks + " checks");
    }
}
