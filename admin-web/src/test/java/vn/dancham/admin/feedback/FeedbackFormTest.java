package vn.dancham.admin.feedback;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackFormTest {

    static FeedbackForm valid() {
        return new FeedbackForm(" Nguyễn Văn An ", "0912 345 678", "Thôn 1, xã Gio Mỹ", "an@example.vn", "DELAY", "",
                "", "", "Hồ sơ của tôi bị trễ hẹn.", "123456");
    }

    @Test
    void aCompleteFormHasNoErrorsAndIsKeptAsTypedButTrimmed() {
        FeedbackForm f = valid();
        assertThat(f.errors(id -> true)).isEmpty();
        assertThat(f.fullName()).isEqualTo("Nguyễn Văn An");
        assertThat(f.nationalPhone()).contains("0912345678");
    }

    @Test
    void everyMandatoryFieldIsNamedWhenMissing() {
        FeedbackForm f = new FeedbackForm("", "", " ", "", "", "", "", "", "  ", "");
        assertThat(f.errors(id -> true)).containsOnlyKeys("fullName", "phone", "address", "email", "topic", "body");
    }

    @Test
    void wrongValuesAreRefusedWithTheirOwnReason() {
        FeedbackForm f = new FeedbackForm("x".repeat(101), "12", "a", "an@", "NOT_A_TOPIC", "99", "y".repeat(101),
                "AB", "z".repeat(4001), "");
        assertThat(f.errors(id -> false)).containsEntry("fullName", "feedback.error.tooLong")
                .containsEntry("phone", "feedback.error.phone").containsEntry("email", "feedback.error.email")
                .containsEntry("topic", "feedback.error.topic").containsEntry("office", "feedback.error.office")
                .containsEntry("officerName", "feedback.error.tooLong").containsEntry("receipt", "feedback.error.receipt")
                .containsEntry("body", "feedback.error.tooLong");
        assertThat(new FeedbackForm("A", "0912345678", "B", "a b@c.vn", "OTHER", "", "", "", "t", "")
                .errors(id -> true)).containsOnlyKeys("email");
    }
}
