package vn.dancham.ivr.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hotline's local durable journal: answers the database could not take are appended here, one line each, and
 * forced to disk before the caller is thanked. Appends go to the current segment file ({@code answers-N.log});
 * the {@link JournalReplayer} seals it, writes its answers to the database and deletes it once every answer is
 * written (or set aside in {@code rejected.log} for a person to look at). A segment is never appended to again
 * after a restart, so a line torn by a crash always stays the last line of its file, where it is ignored: its
 * caller had not been thanked yet.
 */
public final class AnswerJournal {

    private static final Logger log = LoggerFactory.getLogger(AnswerJournal.class);
    private static final Pattern SEGMENT = Pattern.compile("answers-(\\d{20})\\.log");
    static final String REJECTED = "rejected.log";

    private final Path directory;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private long nextSegment;
    private FileChannel current;
    private Path currentPath;
    private int currentAnswers;

    private AnswerJournal(Path directory) {
        this.directory = directory;
    }

    /**
     * Opens (creating it when missing) the journal in {@code directory} and counts what is waiting in it. A directory
     * that cannot be used does not stop the application (the hotline serves callers without a database all the
     * same): it is logged, the {@code journal} health is DOWN, and answers given during an outage cannot be kept.
     */
    public static AnswerJournal open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        AnswerJournal journal = new AnswerJournal(dir);
        try {
            Files.createDirectories(dir);
            long last = 0;
            for (Path segment : journal.segments()) {
                last = Math.max(last, number(segment));
                Segment read = read(segment);
                journal.pending.addAndGet(read.answers().size());
                if (!read.damaged().isEmpty()) {
                    log.warn("Journal segment {} has {} damaged line(s) (a line torn by a crash is ignored; others "
                            + "go to {} when the segment is replayed)", segment, read.damaged().size(), REJECTED);
                }
            }
            journal.nextSegment = Math.max(last + 1, System.currentTimeMillis() * 1000);
            Path rejectedFile = dir.resolve(REJECTED);
            if (Files.exists(rejectedFile)) {
                try (Stream<String> lines = Files.lines(rejectedFile, StandardCharsets.UTF_8)) {
                    journal.rejected.set(lines.filter(l -> !l.isBlank()).count());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.error("The answer journal {} cannot be used: answers given while the database is down would be lost",
                    dir, e);
        }
        if (journal.pending.get() > 0) {
            log.info("Answer journal {} holds {} answer(s) not yet written to the database", dir, journal.pending);
        }
        return journal;
    }

    /**
     * Appends the answer and forces it to disk: when this returns, the answer survives a crash of the process or
     * of the machine.
     *
     * @throws UncheckedIOException when the disk cannot take it (full, read-only): the answer is not kept
     */
    public synchronized void keep(KeptAnswer answer) {
        byte[] line = JournalLines.encode(answer).getBytes(StandardCharsets.UTF_8);
        try {
            if (current == null) {
                currentPath = directory.resolve("answers-%020d.log".formatted(nextSegment++));
                current = FileChannel.open(currentPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                currentAnswers = 0;
                syncDirectory(); // the new file's name must survive a crash too
            }
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                current.write(buffer);
            }
            current.force(true);
        } catch (IOException e) {
            closeCurrent();
            throw new UncheckedIOException("Cannot keep answer " + answer.key() + " in " + directory, e);
        }
        currentAnswers++;
        pending.incrementAndGet();
    }

    /** Answers kept and not yet written to the database (nor set aside). */
    public long pending() {
        return pending.get();
    }

    /** Answers set aside in {@code rejected.log} because the database refused them for good. */
    public long rejected() {
        return rejected.get();
    }

    public Path directory() {
        return directory;
    }

    /**
     * When the oldest answer still waiting for the database was kept (its segment's creation time), null when none
     * waits: the replay lag an operator graphs.
     */
    public synchronized Instant oldestPendingSince() {
        if (pending.get() == 0) {
            return null;
        }
        for (Path segment : segments()) {
            try {
                return Files.readAttributes(segment, BasicFileAttributes.class).creationTime().toInstant();
            } catch (IOException e) {
                // replayed and deleted meanwhile: the next one is the oldest
            }
        }
        return null;
    }

    // ---- for the replayer ----------------------------------------------------------------------------------------

    /** Segments no longer appended to, oldest first. */
    synchronized List<Path> sealedSegments() {
        return segments().stream().filter(p -> !p.equals(currentPath)).toList();
    }

    /** Ends the current segment when it holds answers, so that it can be replayed; new answers go to a new one. */
    synchronized boolean sealCurrent() {
        if (current == null || currentAnswers == 0) {
            return false;
        }
        closeCurrent();
        return true;
    }

    /** A segment's whole lines as answers, and its damaged lines (a torn last line among them). */
    static Segment read(Path segment) {
        String text;
        try {
            text = new String(Files.readAllBytes(segment), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read journal segment " + segment, e);
        }
        List<Entry> answers = new ArrayList<>();
        List<Damaged> damaged = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                damaged.add(new Damaged(text.substring(start), "torn last line", true));
                break;
            }
            String line = text.substring(start, end);
            start = end + 1;
            if (line.isBlank()) {
                continue;
            }
            try {
                answers.add(new Entry(JournalLines.decode(line), line));
            } catch (IllegalArgumentException e) {
                damaged.add(new Damaged(line, e.getMessage(), false));
            }
        }
        return new Segment(segment, answers, damaged);
    }

    /** Sets a line aside for a person, with the reason; forced to disk before the segment can be deleted. */
    synchronized void reject(String line, String reason) {
        String entry = Instant.now() + "\t" + JournalLines.escape(reason) + "\t" + line + "\n";
        try (FileChannel out = FileChannel.open(directory.resolve(REJECTED), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            out.write(ByteBuffer.wrap(entry.getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + directory.resolve(REJECTED), e);
        }
        rejected.incrementAndGet();
    }

    /** Deletes a segment whose every answer is in the database or set aside. */
    synchronized void retire(Segment segment) {
        try {
            Files.deleteIfExists(segment.path());
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete journal segment " + segment.path(), e);
        }
        pending.addAndGet(-segment.answers().size());
    }

    /** Closes the open segment (at shutdown); it is replayed like any other. */
    public synchronized void close() {
        closeCurrent();
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                log.warn("Closing journal segment {}: {}", currentPath, e.toString());
            }
        }
        current = null;
        currentPath = null;
        currentAnswers = 0;
    }

    private List<Path> segments() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> SEGMENT.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the answer journal " + directory, e);
        }
    }

    private static long number(Path segment) {
        var m = SEGMENT.matcher(segment.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }

    private void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the data itself is forced regardless.
            log.debug("Cannot sync directory {}: {}", directory, e.toString());
        }
    }

    /** A journal file as read back. */
    record Segment(Path path, List<Entry> answers, List<Damaged> damaged) {
    }

    /** An answer and its line as written. */
    record Entry(KeptAnswer answer, String line) {
    }

    /** A line that is not a whole answer; {@code tornTail} when it is the unfinished last line of its file. */
    record Damaged(String line, String reason, boolean tornTail) {
    }
}
