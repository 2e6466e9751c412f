package vn.dancham.bench.agi;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How a human caller paces the call, as Asterisk would make the server wait: a prompt plays for a while before
 * its reply, digits are typed one by one, a recording lasts some seconds. {@link #NONE} answers every command at
 * once (throughput mode). Times vary ±50% around the mean so calls do not move in lock-step.
 */
public record Pacing(int promptMillis, int keyMillis, int recordMillis, int dialMillis) {

    public static final Pacing NONE = new Pacing(0, 0, 0, 0);

    /** Prompts of about 1.5 s, a key every 0.4 s, a 4 s recording, 3 s of ringing on a transfer. */
    public static final Pacing HUMAN = new Pacing(1500, 400, 4000, 3000);

    public boolean none() {
        return promptMillis == 0 && keyMillis == 0 && recordMillis == 0 && dialMillis == 0;
    }

    static void pause(int meanMillis) throws InterruptedException {
        if (meanMillis <= 0) {
            return;
        }
        int half = meanMillis / 2;
        Thread.sleep(half + ThreadLocalRandom.current().nextInt(meanMillis + 1));
    }
}
