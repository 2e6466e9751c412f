package vn.dancham.ivr.agi;

import java.time.Duration;

/** The bounds put on every FastAGI connection, so a broken or hostile client costs bounded time and memory. */
record AgiLimits(Duration requestTimeout, Duration commandTimeout, int maxLineLength, int maxEnvironmentLines) {

    static AgiLimits from(IvrProperties p) {
        return new AgiLimits(p.requestTimeout(), p.commandTimeout(), p.maxLineLength(), p.maxEnvironmentLines());
    }
}
