package vn.dancham.ivr.agi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The recordings directory, kept so that Asterisk can write into it when it runs as its own user.
 * <p>
 * Asterisk does not create directories for {@code RECORD FILE}: the application creates the {@code yyyy/MM/dd}
 * directories before each recording. Created as this application's user with the usual umask (755), Asterisk answers
 * {@code 200 result=-1 (writefile)} and every recording fails. So each directory is created mode 2775 (group-writable,
 * setgid so that everything below it, Asterisk's files included, keeps the group) and, when
 * {@code dancham.ivr.recordings-group} is set, given that group (Asterisk's group, of which the application's user is a
 * member). {@link #check()} says at start-up, in plain words, what would stop Asterisk from writing, and repairs what
 * this user may repair.
 */
final class RecordingsDirectory {

    private static final Logger log = LoggerFactory.getLogger(RecordingsDirectory.class);

    /** rwxrwsr-x: the owner and the group write, setgid passes the group down. */
    static final int MODE = 02775;
    private static final int SETGID = 02000;
    /** Where the {@code unix:mode} attribute (with setgid) is not available. */
    private static final Set<PosixFilePermission> GROUP_WRITABLE = PosixFilePermissions.fromString("rwxrwxr-x");

    private final Path root;
    private final Path asteriskRoot;
    private final String group;

    /**
     * @param root         the directory as this application sees it
     * @param asteriskRoot the same directory as Asterisk sees it (another path on a shared disk), or {@code root}
     * @param group        the group Asterisk writes as, or null to keep the group of {@code root}
     */
    RecordingsDirectory(Path root, Path asteriskRoot, String group) {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
        this.asteriskRoot = asteriskRoot == null ? this.root : asteriskRoot.toAbsolutePath().normalize();
        this.group = group == null || group.isBlank() ? null : group.strip();
    }

    /** Creates directories the plain way, nothing more (socket tests that do not care who may write). */
    static RecordingsDirectory plain() {
        return new RecordingsDirectory(null, null, null);
    }

    /**
     * Creates the directories above a recording Asterisk is about to write ({@code file} as Asterisk sees it),
     * group-writable and setgid. A file outside the recordings directory (another layout) gets its directories the
     * plain way. Never throws: a failure shows as Asterisk's {@code (writefile)} answer.
     */
    void prepareFor(String file) {
        Path asteriskDir = Path.of(file).toAbsolutePath().normalize().getParent();
        if (asteriskDir == null) {
            return;
        }
        try {
            if (root == null || !asteriskDir.startsWith(asteriskRoot)) {
                Files.createDirectories(asteriskDir);
                return;
            }
            Path dir = root;
            for (Path part : asteriskRoot.relativize(asteriskDir)) {
                dir = dir.resolve(part);
                if (!Files.isDirectory(dir)) {
                    create(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not prepare the recording directory for {}: {} (Asterisk will answer writefile)", file,
                    e.toString());
        }
    }

    private void create(Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            return; // another call made it first; it made it the same way
        }
        share(dir);
    }

    /** Group first (a change of group may clear setgid), then the mode, which the umask would have narrowed. */
    private void share(Path dir) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system: its own ACLs decide
        }
        if (group != null) {
            view.setGroup(groupPrincipal());
        }
        try {
            Files.setAttribute(dir, "unix:mode", MODE);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            view.setPermissions(GROUP_WRITABLE);
        }
    }

    private GroupPrincipal groupPrincipal() throws IOException {
        return root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
    }

    /**
     * What would stop Asterisk from writing recordings, each a sentence an operator can act on; empty when nothing
     * is known to. Directories this user owns are repaired on the way (the root and the {@code yyyy/MM/dd} levels
     * below it made by earlier versions, mode 755).
     */
    List<String> check() {
        List<String> problems = new ArrayList<>();
        if (root == null) {
            return problems;
        }
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root.getParent());
                create(root);
            }
        } catch (IOException | RuntimeException e) {
            problems.add("The recordings directory " + root + " does not exist and cannot be created (" + e
                    + "): create it, owned by this application's user, group Asterisk's group, mode 2775.");
            return problems;
        }
        if (Files.getFileAttributeView(root, PosixFileAttributeView.class) == null) {
            return problems; // e.g. a Windows share: its ACLs are the operator's to set
        }
        if (group != null) {
            try {
                groupPrincipal();
            } catch (IOException e) {
                problems.add("dancham.ivr.recordings-group=" + group + ": no such group on this host. Set it to the "
                        + "group Asterisk runs as (e.g. asterisk) and add this application's user to it.");
                return problems;
            }
        }
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(root, 3)) {
            dirs = walk.filter(Files::isDirectory).toList();
        } catch (IOException | RuntimeException e) {
            problems.add("Cannot read the recordings directory " + root + ": " + e);
            return problems;
        }
        for (Path dir : dirs) {
            String problem = checkOne(dir);
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (!Files.isWritable(root)) {
            problems.add("This application cannot write into " + root + " either (it creates the day directories "
                    + "there): make its user the owner or a member of the directory's group.");
        }
        return problems;
    }

    private String checkOne(Path dir) {
        try {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            boolean groupOk = group == null || a.group().getName().equals(group);
            boolean groupWrites = a.permissions().contains(PosixFilePermission.GROUP_WRITE)
                    && a.permissions().contains(PosixFilePermission.GROUP_EXECUTE);
            if (groupOk && groupWrites && setgid(dir)) {
                return null;
            }
            try {
                share(dir); // ours to repair when this user owns it
                log.info("Recordings directory {} made group-writable (mode 2775{})", dir,
                        group == null ? "" : ", group " + group);
                return null;
            } catch (IOException | RuntimeException e) {
                return dir + " is owned by " + a.owner().getName() + ", group " + a.group().getName() + ", mode "
                        + PosixFilePermissions.toString(a.permissions())
                        + ": Asterisk running as another user cannot write there, and this user cannot change it. "
                        + "Run: chgrp " + (group == null ? "<Asterisk's group>" : group) + " " + dir + " && chmod 2775 "
                        + dir;
            }
        } catch (IOException | RuntimeException e) {
            return "Cannot read the attributes of " + dir + ": " + e;
        }
    }

    private static boolean setgid(Path dir) {
        try {
            return (((Integer) Files.getAttribute(dir, "unix:mode")) & SETGID) != 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return true; // cannot be told: not a reason to complain
        }
    }

    /**
     * Runs {@link #check()} and says the result in the log: each problem at WARN, or one line saying who may write.
     * When Asterisk sees the directory under another path (a share), this host cannot know Asterisk's user: a test
     * call is the check.
     */
    List<String> reportAtStartUp() {
        List<String> problems = check();
        if (root == null) {
            return problems;
        }
        for (String problem : problems) {
            log.warn("RECORDINGS WILL FAIL: {}", problem);
        }
        if (problems.isEmpty()) {
            log.info("Recordings directory {}: mode 2775{}; Asterisk can write there if it runs {}{}", root,
                    group == null ? "" : ", group " + group,
                    group == null ? "as this user or in the directory's group" : "in group " + group,
                    asteriskRoot.equals(root) ? "" : " (Asterisk sees it as " + asteriskRoot
                            + ": make a test call to be sure)");
        }
        return problems;
    }

    Path root() {
        return root;
    }
}
