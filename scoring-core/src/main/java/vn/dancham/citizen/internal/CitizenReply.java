package vn.dancham.citizen.internal;

import java.util.List;
import java.util.Optional;

/** What a citizen's SMS asks for, as {@link ReplyReader} reads it. */
sealed interface CitizenReply {

    /** Answers to the active questions, in their order; {@code receipt} when the SMS named a dossier. */
    record Answers(List<Integer> values, Optional<String> receipt) implements CitizenReply {
        public Answers {
            values = List.copyOf(values);
        }
    }

    /** {@code HS <receipt>}: where is my dossier. */
    record Status(String receipt) implements CitizenReply {
    }

    /** {@code TC} (từ chối) or {@code STOP}: no more invitations or apologies to this number. */
    record OptOut() implements CitizenReply {
    }

    /** Nothing we can act on (junk, too few or too many answers, a value outside 1–5). */
    record Unclear() implements CitizenReply {
    }
}
