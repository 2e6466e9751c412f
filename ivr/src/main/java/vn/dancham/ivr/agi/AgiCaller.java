package vn.dancham.ivr.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiNetworkException;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.ivr.hotline.Caller;
import vn.dancham.ivr.hotline.HungUp;
import vn.dancham.ivr.hotline.TestNote;
import vn.dancham.ivr.prompts.Clip;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The {@link Caller} port over an Asterisk-Java channel: one AGI command per method. */
final class AgiCaller implements Caller {

    private static final Logger log = LoggerFactory.getLogger(AgiCaller.class);
    private static final int SAMPLES_PER_SECOND = 8000;
    // Compiled once: String.matches/replaceAll compile their pattern on every command (issue 16's profile).
    private static final Pattern NOT_A_KEY = Pattern.compile("[^0-9*#]");
    private static final Pattern DIGITS_18 = Pattern.compile("[0-9]{1,18}");
    private static final Pattern DIGITS_12 = Pattern.compile("[0-9]{1,12}");

    private final AgiChannel channel;
    private final String soundPrefix;
    private final RecordingsDirectory recordings;
    private final AgiCommandLines lines;
    /** System.nanoTime() of the last reply from Asterisk on this call, 0 before the first command. */
    private long lastReplyAt;
    /**
     * Asterisk has said the channel is gone (a 511, the connection lost, a prompt cut by the hangup): every command
     * from now on would only earn a 511, HANGUP included.
     */
    private boolean gone;

    AgiCaller(AgiChannel channel, String soundPrefix, RecordingsDirectory recordings) {
        this(channel, soundPrefix, recordings, new AgiCommandLines());
    }

    /** @param lines the command lines already built, shared by every call of the script */
    AgiCaller(AgiChannel channel, String soundPrefix, RecordingsDirectory recordings, AgiCommandLines lines) {
        this.channel = channel;
        this.soundPrefix = soundPrefix == null ? "" : soundPrefix;
        this.recordings = recordings;
        this.lines = lines;
    }

    @Override
    public char play(Clip clip, String escapeDigits) {
        String file = file(clip);
        String escape = escapeDigits == null ? "" : escapeDigits;
        // As AgiChannel.streamFile does (its result code as the key), with the line built once; an empty file name
        // goes the library's way, which logs it.
        char key = file.isEmpty() ? call(() -> channel.streamFile(file, escape))
                : call(() -> channel.sendCommand(lines.streamFile(file, escape)).getResultCodeAsChar());
        if (!failed()) {
            return key;
        }
        // res_agi answers "200 result=-1 endpos=<offset>" both when the file cannot be opened (offset 0: nothing
        // played) and when the caller hangs up while it plays (offset where it stopped). Only a missing sound is
        // the operator's business; a hangup is the most ordinary end of a call.
        if (endpos(channel.getLastReply()) > 0) {
            log.debug("Caller hung up during {}", file);
            gone = true;
            throw new HungUp();
        }
        // Offset 0: a missing file, or a hangup at the very first sample. Asterisk's answer to the next command
        // tells them apart: 511 on a dead channel (HungUp from call), a status on a live one.
        call(channel::getChannelStatus);
        log.warn("Sound {} is missing on the Asterisk host: STREAM FILE answered result=-1 endpos=0 on a live "
                + "channel (install the prompts, docs/ivr.md \"Sounds\"); the caller heard nothing for it", file);
        return NO_KEY;
    }

    @Override
    public String getData(Clip clip, Duration timeout, int maxDigits) {
        String typed = call(() -> channel.sendCommand(lines.getData(file(clip), timeout.toMillis(), maxDigits))
                .getResult());
        if ("-1".equals(typed)) {
            // res_agi answers -1 when the entry ended without the channel (the caller hung up; a missing prompt is
            // skipped, not -1) and sends its HANGUP line after it: the end of the call, not an empty entry that the
            // flow would prompt again for, or take as a skipped knowledge check.
            gone = true;
            throw new HungUp();
        }
        if (typed == null) {
            return "";
        }
        return NOT_A_KEY.matcher(typed).replaceAll("");
    }

    @Override
    public char waitForDigit(Duration timeout) {
        char key = call(() -> channel.sendCommand(lines.waitForDigit(Math.toIntExact(timeout.toMillis())))
                .getResultCodeAsChar());
        if (failed()) {
            // res_agi answers -1 when the wait ended without the channel (ast_waitfordigit_full: the caller hung
            // up), and sends its HANGUP line after it: a HANGUP of ours would only earn a 511. Were the channel
            // still up, the dialplan's Hangup() after AGI() ends it (ivr/src/main/asterisk/extensions.conf).
            gone = true;
            throw new HungUp();
        }
        return key;
    }

    @Override
    public Recording record(String fileWithoutExtension, Duration maxLength, Duration silence) {
        // Asterisk does not create directories for RECORD FILE; ours must be writable by Asterisk's user.
        recordings.prepareFor(fileWithoutExtension);
        call(() -> channel.recordFile(fileWithoutExtension, "wav", "#",
                Math.toIntExact(maxLength.toMillis()), 0, false, Math.toIntExact(silence.toSeconds())));
        AgiReply reply = channel.getLastReply();
        String extra = reply == null ? null : reply.getExtra();
        int seconds = seconds(reply, Path.of(fileWithoutExtension + ".wav"));
        if (failed()) {
            boolean hungUp = extra == null || extra.contains("hangup");
            gone |= hungUp;
            return new Recording(hungUp, seconds, hungUp, hungUp ? null : extra);
        }
        return new Recording(true, seconds, false);
    }

    private static long endpos(AgiReply reply) {
        String endpos = reply == null ? null : reply.getAttribute("endpos");
        return endpos != null && DIGITS_18.matcher(endpos).matches() ? Long.parseLong(endpos) : 0;
    }

    /** How long a recording is: Asterisk's endpos when it gave one, else the file's own header. */
    static int seconds(AgiReply reply, Path file) {
        String endpos = reply == null ? null : reply.getAttribute("endpos");
        if (endpos != null && DIGITS_12.matcher(endpos).matches()) {
            return (int) (Long.parseLong(endpos) / SAMPLES_PER_SECOND);
        }
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            // The JDK reads the WAV header (whatever rate and sample size Asterisk's wav format wrote) rather than
            // assuming 16-bit 8 kHz after a 44-byte header.
            AudioFileFormat format = AudioSystem.getAudioFileFormat(file.toFile());
            float frameRate = format.getFormat().getFrameRate();
            return format.getFrameLength() > 0 && frameRate > 0 ? (int) (format.getFrameLength() / frameRate) : 0;
        } catch (UnsupportedAudioFileException | IOException e) {
            return 0;
        }
    }

    @Override
    public String dial(String dialString, Duration timeout) {
        call(() -> channel.sendCommand(new ExecCommand("Dial", dialString, Long.toString(timeout.toSeconds()))));
        String status = call(() -> channel.getVariable("DIALSTATUS"));
        return status == null ? "FAILED" : status;
    }

    @Override
    public void testNote(TestNote note) {
        call(() -> {
            channel.setVariable(TestNote.VARIABLE, note.wire());
            return null;
        });
    }

    @Override
    public void hangup() {
        if (gone) {
            return; // the caller hung up first: a HANGUP would earn a 511 and an exception, nothing else
        }
        try {
            channel.hangup();
        } catch (AgiException | RuntimeException e) {
            log.debug("Hangup on a line already gone: {}", e.toString());
        }
    }

    /**
     * Whether the last command answered {@code result=-1} (failure or hangup). Asterisk-Java turns a negative result
     * into key 0, so the reply itself is read.
     */
    private boolean failed() {
        AgiReply reply = channel.getLastReply();
        return reply != null && reply.getResultCode() < 0;
    }

    private String file(Clip clip) {
        return clip.catalogued() ? soundPrefix + clip.file() : clip.file();
    }

    private interface AgiCall<T> {
        T run() throws AgiException;
    }

    private <T> T call(AgiCall<T> command) {
        if (lastReplyAt != 0) {
            IvrMetrics.TURNAROUND.record(System.nanoTime() - lastReplyAt, TimeUnit.NANOSECONDS);
        }
        try {
            return command.run();
        } catch (AgiHangupException | AgiNetworkException e) {
            gone = true;
            throw new HungUp();
        } catch (AgiException e) {
            throw new IllegalStateException("Asterisk refused an AGI command: " + e.getMessage(), e);
        } finally {
            lastReplyAt = System.nanoTime();
        }
    }
}
