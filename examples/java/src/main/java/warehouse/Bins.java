package warehouse;

/** Bin grids and bin codes such as "C-07". */
public class Bins {

    /** Index of the row of the grid with the most items (the first one on ties). */
    public static int busiestRow(int[][] grid) {
        int best = -1;
        long bestSum = -1;
        for (int r = 0; r < grid.length; r++) {
            long sum = 0;
            for (int c = 0; c < grid[r].length; c++) {
                sum += grid[r][c];
            }
            if (sum > bestSum) {
                bestSum = sum;
                best = r;
            }
        }
        return best;
    }

    /** Occurrences of one character in a code. */
    public static int countChar(String code, char c) {
        int n = 0;
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /**
     * Label of a bin: row letter, a dash and the column number on two digits.
     * Row 2, column 7 is "C-07".
     */
    public static String binLabel(int row, int col) {
        char letter = (char) ('A' + row);
        String digits = "";
        int value = col;
        do {
            digits = (char) ('0' + value % 10) + digits;
            value /= 10;
        } while (value > 0);
        if (digits.length() < 2) {
            digits = "0" + digits;
        }
        return letter + "-" + digits;
    }

    /** True for an upper-case letter, a dash and at least one digit. */
    public static boolean isValidCode(String code) {
        if (code.length() < 3) {
            return false;
        }
        char first = code.charAt(0);
        if (first < 'A' || first > 'Z' || code.charAt(1) != '-') {
            return false;
        }
        for (int i = 2; i < code.length(); i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Run-length encoding of a pick path: "AAAB" becomes "A3B1". */
    public static String compress(String path) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            int run = 1;
            while (i + run < path.length() && path.charAt(i + run) == c) {
                run++;
            }
            out.append(c).append(run);
            i += run;
        }
        return out.toString();
    }
}
