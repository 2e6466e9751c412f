package vn.dancham.ivr.prompts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads numbers and dates aloud in Vietnamese from the fragment prompts. Vietnamese has rules of its own that
 * a digit-by-digit or an English-style reading gets wrong:
 * <ul>
 *   <li>tens are "mươi" except ten itself, "mười" (10–19);</li>
 *   <li>a unit one after "mươi" is "mốt" (21 hai mươi mốt), but not after "mười" (11 mười một);</li>
 *   <li>a unit four after "mươi" is "tư" (24 hai mươi tư), but 14 is mười bốn;</li>
 *   <li>a unit five after a ten is "lăm" (15 mười lăm, 25 hai mươi lăm), but after "linh" it stays "năm";</li>
 *   <li>a zero ten before a unit is "linh" (105 một trăm linh năm);</li>
 *   <li>a group after a larger one is read in full: 2026 hai nghìn không trăm hai mươi sáu;</li>
 *   <li>the fourth month is "tháng tư".</li>
 * </ul>
 */
public final class VietnameseNumbers {

    private static final Prompt[] SCALES = {null, Prompt.NGHIN, Prompt.TRIEU};

    private VietnameseNumbers() {
    }

    /** A non-negative number as words. */
    public static List<Prompt> number(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("Only non-negative numbers are read: " + n);
        }
        List<Prompt> out = new ArrayList<>();
        if (n == 0) {
            out.add(Prompt.N0);
            return out;
        }
        read(n, false, out);
        return out;
    }

    /** Reads {@code n > 0}; {@code full} when a larger group was read before it. */
    private static void read(long n, boolean full, List<Prompt> out) {
        long billions = n / 1_000_000_000L;
        long rest = n % 1_000_000_000L;
        if (billions > 0) {
            read(billions, full, out);
            out.add(Prompt.TY);
            full = true;
        }
        int[] groups = {(int) (rest / 1_000_000), (int) (rest / 1_000 % 1_000), (int) (rest % 1_000)};
        for (int i = 0; i < groups.length; i++) {
            int g = groups[i];
            if (g == 0) {
                continue;
            }
            threeDigits(g, full, out);
            Prompt scale = SCALES[groups.length - 1 - i];
            if (scale != null) {
                out.add(scale);
            }
            full = true;
        }
    }

    private static void threeDigits(int g, boolean full, List<Prompt> out) {
        int h = g / 100;
        int t = g / 10 % 10;
        int u = g % 10;
        boolean hundreds = h > 0 || full;
        if (hundreds) {
            out.add(Prompt.digit(h));
            out.add(Prompt.TRAM);
        }
        if (t == 0) {
            if (u != 0) {
                if (hundreds) {
                    out.add(Prompt.LINH);
                }
                out.add(Prompt.digit(u));
            }
        } else if (t == 1) {
            out.add(Prompt.N10);
            if (u == 5) {
                out.add(Prompt.LAM);
            } else if (u != 0) {
                out.add(Prompt.digit(u));
            }
        } else {
            out.add(Prompt.digit(t));
            out.add(Prompt.MUOI);
            switch (u) {
                case 0 -> { }
                case 1 -> out.add(Prompt.MOT);
                case 4 -> out.add(Prompt.TU);
                case 5 -> out.add(Prompt.LAM);
                default -> out.add(Prompt.digit(u));
            }
        }
    }

    /** Each digit on its own, e.g. a receipt number read back: 2 0 2 6 → hai không hai sáu. */
    public static List<Prompt> digits(String digits) {
        List<Prompt> out = new ArrayList<>();
        for (char c : digits.toCharArray()) {
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("Not a digit string: " + digits);
            }
            out.add(Prompt.digit(c - '0'));
        }
        return out;
    }

    /** "ngày 25 tháng 11 năm 2026" → ngày hai mươi lăm tháng mười một năm hai nghìn không trăm hai mươi sáu. */
    public static List<Prompt> date(LocalDate date) {
        List<Prompt> out = new ArrayList<>();
        out.add(Prompt.DAY);
        out.addAll(number(date.getDayOfMonth()));
        out.add(Prompt.MONTH);
        if (date.getMonthValue() == 4) {
            out.add(Prompt.TU);
        } else {
            out.addAll(number(date.getMonthValue()));
        }
        out.add(Prompt.YEAR);
        out.addAll(number(date.getYear()));
        return out;
    }

    /** The Vietnamese text of a sequence of prompts, words separated by spaces. */
    public static String text(List<Prompt> prompts) {
        return prompts.stream().map(Prompt::vi).collect(Collectors.joining(" "));
    }
}
