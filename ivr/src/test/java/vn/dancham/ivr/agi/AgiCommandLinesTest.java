package vn.dancham.ivr.agi;

import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The lines built once are the library's own, byte for byte, and the cache stays bounded (issue 16). */
class AgiCommandLinesTest {

    @Test
    void theLinesAreAsteriskJavasOwnEvenForNamesThatNeedQuoting() {
        AgiCommandLines lines = new AgiCommandLines();
        for (String file : new String[]{"dancham/vi/main-menu", "a \"quoted\" name", "back\\slash", "new\nline"}) {
            for (String escape : new String[]{"", "0123456789*#"}) {
                assertThat(lines.streamFile(file, escape).buildCommand())
                        .isEqualTo(new StreamFileCommand(file, escape).buildCommand());
                assertThat(lines.streamFile(file, escape).buildCommand()).as("from the cache")
                        .isEqualTo(new StreamFileCommand(file, escape).buildCommand());
            }
            assertThat(lines.getData(file, 5000, 21).buildCommand())
                    .isEqualTo(new GetDataCommand(file, 5000, 21).buildCommand());
        }
        assertThat(lines.waitForDigit(5000).buildCommand()).isEqualTo(new WaitForDigitCommand(5000).buildCommand());
        assertThat(lines.streamFile("dancham/vi/main-menu", "")).as("made once, then shared")
                .isSameAs(lines.streamFile("dancham/vi/main-menu", ""));
    }

    @Test
    void pastTheBoundLinesAreStillRightButNotKept() {
        AgiCommandLines lines = new AgiCommandLines();
        for (int i = 0; i < AgiCommandLines.MAX_LINES + 100; i++) {
            assertThat(lines.streamFile("name-" + i, "").buildCommand())
                    .isEqualTo(new StreamFileCommand("name-" + i, "").buildCommand());
        }
        assertThat(lines.size()).isEqualTo(AgiCommandLines.MAX_LINES);
    }
}
