package vn.dancham.ivr.hotline;

import vn.dancham.calls.CallLog;
import vn.dancham.complaint.Complaints;
import vn.dancham.dossier.Dossiers;
import vn.dancham.escalation.DutyRoster;
import vn.dancham.ivr.prompts.NameAudio;
import vn.dancham.rating.Ratings;

import java.time.Clock;

/**
 * The hotline's call flow: stateless and shared by every call; each call's state lives in a {@link HotlineCall}
 * for as long as the call lasts. Plain Java over ports, so every menu path is tested without a socket.
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

    public HotlineFlow(Dossiers dossiers, Ratings ratings, DutyRoster roster, OfficeDirectory offices,
                       CallLog callLog, Complaints complaints, HotlineSettings settings, NameAudio names,
                       Clock clock, String node) {
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
    }

    /** Serves one call from greeting to hangup; returns how it ended. Never throws. */
    public CallLog.Outcome handle(Caller caller, CallInfo info) {
        return new HotlineCall(this, caller, info).run();
    }
}
