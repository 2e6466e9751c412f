package vn.dancham.admin.feedback;

import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.feedback.Topic;
import vn.dancham.phone.PhoneNumbers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the citizen typed, kept as typed (the page shows it back after any refusal), with the checks each field must
 * pass. Errors are message keys under {@code feedback.error.*}, one per field.
 */
record FeedbackForm(String fullName, String phone, String address, String email, String topic, String office,
                    String officerName, String receipt, String body, String code) {

    static final int MAX_NAME = 100;
    static final int MAX_ADDRESS = 300;
    static final int MAX_EMAIL = 254;
    static final int MAX_BODY = 4000;
    static final int MAX_RECEIPT = 40;
    static final int MAX_CODE = 12;
    /** One @, something before it, a dotted domain after it, no blanks: what a mail server would take, roughly. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    FeedbackForm {
        fullName = clean(fullName);
        phone = clean(phone);
        address = clean(address);
        email = clean(email);
        topic = clean(topic);
        office = clean(office);
        officerName = clean(officerName);
        receipt = clean(receipt);
        body = body == null ? "" : body.strip().replace("\r\n", "\n");
        code = clean(code);
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }

    /** The phone in national format, when it is a Vietnamese number. */
    Optional<String> nationalPhone() {
        return PhoneNumbers.normalise(phone).filter(p -> p.startsWith("0"));
    }

    Optional<Topic> chosenTopic() {
        try {
            return topic.isEmpty() ? Optional.empty() : Optional.of(Topic.valueOf(topic));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    Long officeId() {
        return office.matches("[0-9]{1,18}") ? Long.valueOf(office) : null;
    }

    String receiptDigits() {
        ReceiptNumber r = ReceiptNumber.parse(receipt);
        return r == null ? null : r.digits();
    }

    /** Field → message key of the first thing wrong with it; empty when the form may be sent. */
    Map<String, String> errors(java.util.function.LongPredicate officeExists) {
        Map<String, String> errors = new LinkedHashMap<>();
        required(errors, "fullName", fullName, MAX_NAME);
        if (phone.isEmpty()) {
            errors.put("phone", "feedback.error.required");
        } else if (phone.length() > 20 || nationalPhone().isEmpty()) {
            errors.put("phone", "feedback.error.phone");
        }
        required(errors, "address", address, MAX_ADDRESS);
        if (email.isEmpty()) {
            errors.put("email", "feedback.error.required");
        } else if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            errors.put("email", "feedback.error.email");
        }
        if (chosenTopic().isEmpty()) {
            errors.put("topic", "feedback.error.topic");
        }
        if (!office.isEmpty() && (officeId() == null || !officeExists.test(officeId()))) {
            errors.put("office", "feedback.error.office");
        }
        if (officerName.length() > MAX_NAME) {
            errors.put("officerName", "feedback.error.tooLong");
        }
        if (!receipt.isEmpty() && (receipt.length() > MAX_RECEIPT || receiptDigits() == null)) {
            errors.put("receipt", "feedback.error.receipt");
        }
        required(errors, "body", body, MAX_BODY);
        return errors;
    }

    private static void required(Map<String, String> errors, String field, String value, int max) {
        if (value.isEmpty()) {
            errors.put(field, "feedback.error.required");
        } else if (value.length() > max) {
            errors.put(field, "feedback.error.tooLong");
        }
    }
}
