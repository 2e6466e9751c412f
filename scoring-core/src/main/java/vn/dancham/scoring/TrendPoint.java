package vn.dancham.scoring;

import java.math.BigDecimal;

/** One week or month of a subject's trend, from the nightly snapshots. */
public record TrendPoint(Period period, int ratings, BigDecimal satisfaction, BigDecimal satisfactionLow,
                         BigDecimal satisfactionHigh, BigDecimal satisfiedShare, BigDecimal onTime,
                         int complaints, int harassmentReports, BigDecimal composite) {
}
