package vn.dancham.admin.citizen;

import org.springframework.stereotype.Component;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.web.WebProperties;
import vn.dancham.citizen.CitizenMessages;
import vn.dancham.scoring.Period;

import java.util.List;

/** Invitations by SMS and how many were answered, per office, for the scores page and the monthly report. */
@Component
public class ResponseRates {

    private final CitizenMessages messages;
    private final WebProperties properties;

    ResponseRates(CitizenMessages messages, WebProperties properties) {
        this.messages = messages;
        this.properties = properties;
    }

    /** The offices {@code me} may see, with the totals as the last row's figures ({@link #total}). */
    public List<CitizenMessages.ResponseRate> of(Period period, WebUser me) {
        return messages.responseRates(period.from().atStartOfDay(properties.zone()).toInstant(),
                        period.lastDay().plusDays(1).atStartOfDay(properties.zone()).toInstant()).stream()
                .filter(r -> me.maySeeOffice(r.officeId())).toList();
    }

    public static CitizenMessages.ResponseRate total(List<CitizenMessages.ResponseRate> rates) {
        return new CitizenMessages.ResponseRate(0, "", rates.stream().mapToInt(CitizenMessages.ResponseRate::invited)
                .sum(), rates.stream().mapToInt(CitizenMessages.ResponseRate::answered).sum());
    }
}
