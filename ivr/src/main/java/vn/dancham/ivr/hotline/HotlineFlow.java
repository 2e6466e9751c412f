package vn.dancham.ivr.hotline;

import vn.dancham.calls.CallLog;
import vn.dancham.complaint.Complaints;
import vn.dancham.dossier.Dossiers;
import vn.dancham.escalation.DutyRoster;
import vn.dancham.ivr.journal.AnswerJournal;
import vn.dancham.ivr.prompts.NameAudio;
import vn.dancham.rating.RatingQuestion;
import vn.dancham.rating.Ratings;
import vn.dancham.text.Bundle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hotline's call flow: stateless and shared by every call; each call's state lives in a {@link HotlineCall}
 * for as long as the call lasts. Plain Java over ports, so every menu path is tested without a socket.
 * <p>
 * The database may be away (stopped, unreachable): every database call goes through a {@link DatabaseGuard}, and
 * answers the database cannot take are kept in the {@link AnswerJournal}. The rating questions and the offices
 * last seen are remembered, so that a caller can still rate while the database is down.
 */
public final class HotlineFlow {

    final Dossiers dossiers;
    final Ratings ratings;
    final DutyRoster roster;
    final OfficeDirectory offices;
    final CallLog callLog;
    final Complaints complaints;
    final HotlineSettings settings;
    final NameAudio names;
    final Clock clock;
    final String node;
    final AnswerJournal journal;
    final DatabaseGuard guard;
    /** Every call's end goes through here: written after the call, with the others of the moment, by the timer. */
    final CallEnds callEnds;
    /** Every call's row goes through here: written when first needed, rows waiting then together. */
    final CallOpens callOpens;
    /** The active questions last read; until the database has been reached once, the standard three. */
    volatile List<RatingQuestion> lastQuestions = standardQuestions();
    /** When {@link #lastQuestions} were read from the database (System.nanoTime()); 0: never. */
    private volatile long questionsReadAt;

    /**
     * How long the questions read are used before they are read again: an administrator's change reaches callers
     * within this time, and a node does not ask the database for the same few rows before every rating.
     */
    static final Duration QUESTIONS_FRESH_FOR = Duration.ofSeconds(30);

    /** Offices found by dial code, used only while the database is down. */
    final Map<String, OfficeDirectory.Office> officesSeen = new ConcurrentHashMap<>();

    public HotlineFlow(Dossiers dossiers, Ratings ratings, DutyRoster roster, OfficeDirectory offices,
                       CallLog callLog, Complaints complaints, AnswerJournal journal, HotlineSettings settings,
                       NameAudio names, Clock clock, String node) {
        this.dossiers = dossiers;
        this.ratings = ratings;
        this.roster = roster;
        this.offices = offices;
        this.callLog = callLog;
        this.complaints = complaints;
        this.settings = settings;
        this.names = names;
        this.clock = clock;
        this.node = node;
        this.journal = journal;
        this.guard = new DatabaseGuard(settings.databaseRetryAfter(), () -> lastQuestions = ratings.activeQuestions());
        this.callEnds = new CallEnds(callLog, guard);
        this.callOpens = new CallOpens(callLog, guard);
    }

    /**
     * The node's timer, a few times a second: writes the rows of calls in progress that have lasted a second and
     * wrote nothing yet, so that the dashboards see them (see {@link CallOpens}), then the ends of the calls that
     * ended since the last run (see {@link CallEnds}).
     */
    public void writeCallLog() {
        callOpens.writeLongerThan(CallOpens.ROW_WITHIN);
        callEnds.writeWaiting();
    }

    /**
     * Writes the ends of the calls that ended and are not written yet, as the node's timer does; returns how many
     * there were. For what reads a call's end at once after the call (tests, tools).
     */
    public int writeEndedCalls() {
        return callEnds.writeWaiting();
    }

    /** How often {@link #writeCallLog} should run. */
    public static Duration callLogEvery() {
        return CallOpens.ROW_WITHIN.dividedBy(4);
    }

    /** The standard three, named from {@code vn/dancham/ivr/hotline/questions*.properties}. */
    static List<RatingQuestion> standardQuestions() {
        Bundle vi = Bundle.of("vn.dancham.ivr.hotline.questions");
        Bundle en = Bundle.of("vn.dancham.ivr.hotline.questions", Locale.ENGLISH);
        List<String> criteria = List.of("ATTITUDE", "TIMELINESS", "OVERALL");
        return criteria.stream().map(c -> new RatingQuestion(0, c, c, criteria.indexOf(c) + 1,
                vi.text("question." + c), en.text("question." + c))).toList();
    }

    /**
     * The active rating questions: those read within {@link #QUESTIONS_FRESH_FOR}, else read now; while the
     * database cannot say, the last ones read.
     */
    List<RatingQuestion> activeQuestions() {
        long readAt = questionsReadAt;
        if (readAt != 0 && System.nanoTime() - readAt < QUESTIONS_FRESH_FOR.toNanos()) {
            return lastQuestions;
        }
        DatabaseGuard.Reply<List<RatingQuestion>> active = guard.call("rating questions", ratings::activeQuestions);
        if (active.ok()) {
            lastQuestions = active.value();
            questionsReadAt = System.nanoTime();
        }
        return lastQuestions;
    }

    /** True while the database is taken to be down (no call of the flow tries it). */
    public boolean databaseDown() {
        return guard.down();
    }

    /** Serves one call from greeting to hangup; returns how it ended. Never throws. */
    public CallLog.Outcome handle(Caller caller, CallInfo info) {
        return new HotlineCall(this, caller, info).run();
    }
}
