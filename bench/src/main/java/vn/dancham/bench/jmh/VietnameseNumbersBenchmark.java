package vn.dancham.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import vn.dancham.ivr.prompts.Prompt;
import vn.dancham.ivr.prompts.VietnameseNumbers;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How long the hotline takes to turn a number or a date into the prompts that read it in Vietnamese (mốt, lăm,
 * tư, linh, mươi …), against the baseline of merely formatting the same value as text. A call reads a handful of
 * these; the figure shows the rules cost nothing next to a network round trip.
 */
@State(Scope.Thread)
public class VietnameseNumbersBenchmark {

    private long[] numbers;
    private LocalDate[] dates;
    private int i;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        numbers = new long[1024];
        dates = new LocalDate[1024];
        for (int k = 0; k < numbers.length; k++) {
            // Mostly what a caller hears (days, counts), some large (fees, receipt counts).
            numbers[k] = k % 4 == 0 ? random.nextLong(1_000_000_000L) : random.nextLong(1000);
            dates[k] = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(730));
        }
    }

    @Benchmark
    public List<Prompt> numberReading() {
        return VietnameseNumbers.number(numbers[i++ & 1023]);
    }

    @Benchmark
    public String numberReadingBaseline() {
        return Long.toString(numbers[i++ & 1023]);
    }

    @Benchmark
    public List<Prompt> dateReading() {
        return VietnameseNumbers.date(dates[i++ & 1023]);
    }

    @Benchmark
    public String dateReadingBaseline() {
        return dates[i++ & 1023].toString();
    }
}
