package vn.dancham.ivr.prompts;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The prompt catalog: every fixed sound the hotline plays, with its file name (without extension, relative to the
 * configured sound prefix) and what it says, Vietnamese first, English second. This is the one place that names
 * prompt files; {@code ivr/src/main/sounds/prompts-vi.tsv} is generated from it and the audio is generated from
 * that file (see {@code docs/ivr.md}).
 */
public enum Prompt {

    // Greeting and main menu
    WELCOME("welcome", "Xin chào, đây là đường dây nóng Dân Chấm điểm dịch vụ công.",
            "Hello, this is the Dan Cham public service hotline."),
    MAIN_MENU("main-menu", "Để biết hồ sơ đang ở đâu, bấm 1. Để chấm điểm dịch vụ, bấm 2. "
            + "Để báo cán bộ vòi vĩnh, hạch sách, bấm 3. Để gửi góp ý, bấm 4. "
            + "Để gặp lãnh đạo trực, bấm 0. Để nghe lại, bấm sao.",
            "For where your dossier is, press 1. To rate the service, press 2. To report an officer who asked for "
                    + "money or harassed you, press 3. To leave a complaint, press 4. For the leader on duty, "
                    + "press 0. To hear this again, press star."),
    ANYTHING_ELSE("anything-else", "Quý vị có thể chọn dịch vụ khác, hoặc gác máy.",
            "You may choose another service, or hang up."),
    GOODBYE("goodbye", "Cảm ơn quý vị đã gọi. Xin chào.", "Thank you for calling. Goodbye."),
    SORRY_LATER("sorry-later", "Xin lỗi, hệ thống đang bận. Xin quý vị vui lòng gọi lại sau.",
            "Sorry, the system is busy. Please call again later."),
    SERVICE_UNAVAILABLE("service-unavailable", "Xin lỗi, hiện hệ thống chưa thể trả lời yêu cầu này. "
            + "Xin quý vị thử lại sau ít phút.",
            "Sorry, the system cannot answer this request right now. Please try again in a few minutes."),
    ANSWER_KEPT("answer-kept", "Hệ thống đang tạm gián đoạn, nhưng ý kiến của quý vị đã được lưu lại an toàn và "
            + "sẽ được ghi nhận ngay khi hệ thống hoạt động trở lại. Cảm ơn quý vị.",
            "The system is briefly interrupted, but your answer is kept safely and will be recorded as soon as the "
                    + "system is back. Thank you."),
    NO_INPUT("no-input", "Quý vị chưa bấm phím nào.", "You did not press a key."),
    INVALID_KEY("invalid-key", "Phím quý vị bấm không hợp lệ.", "That key is not valid."),
    BACK_TO_MENU("back-to-menu", "Xin mời quay lại menu chính.", "Back to the main menu."),
    SILENCE("silence", "", "(short silence)"),

    // Receipt number entry
    ENTER_RECEIPT("enter-receipt", "Xin nhập số biên nhận hồ sơ, kết thúc bằng phím thăng.",
            "Enter the dossier receipt number, then press hash."),
    ENTER_RECEIPT_OPTIONAL("enter-receipt-optional", "Nếu có số biên nhận hồ sơ liên quan, xin nhập số rồi bấm "
            + "phím thăng. Nếu không, chỉ bấm phím thăng.",
            "If there is a related receipt number, enter it and press hash. If not, just press hash."),
    YOU_ENTERED("you-entered", "Số quý vị vừa nhập là", "You entered"),
    CONFIRM_RECEIPT("confirm-receipt", "Nếu đúng, bấm 1. Để nhập lại, bấm 2.",
            "If correct, press 1. To enter it again, press 2."),
    RECEIPT_INVALID("receipt-invalid", "Số biên nhận phải có từ 4 đến 20 chữ số.",
            "A receipt number has 4 to 20 digits."),
    RECEIPT_UNKNOWN("receipt-unknown", "Không tìm thấy hồ sơ có số biên nhận này.",
            "No dossier has this receipt number."),

    // Dossier status
    DOSSIER("dossier", "Hồ sơ", "The dossier"),
    STATUS_AT("status-at", "đang được xử lý tại", "is being processed at"),
    STATUS_STAGE("status-stage", "khâu", "stage"),
    STATUS_SINCE("status-since", "từ", "for"),
    STATUS_DAYS_AGO("status-days-ago", "ngày nay.", "days."),
    STATUS_TODAY("status-today", "từ hôm nay.", "since today."),
    STATUS_DUE("status-due", "Hạn trả kết quả là", "The result is due on"),
    STATUS_ON_TIME("status-on-time", "Hồ sơ đang trong hạn.", "The dossier is on time."),
    STATUS_LATE("status-late", "Hồ sơ đã quá hạn", "The dossier is late by"),
    STATUS_DAYS("status-days", "ngày.", "days."),
    STATUS_RECEIVED("status-received", "đã được tiếp nhận tại", "was received at"),
    STATUS_RETURNED("status-returned", "đã được trả kết quả", "was returned"),
    STATUS_RETURNED_ON_TIME("status-returned-on-time", "đúng hạn.", "on time."),
    STATUS_RETURNED_LATE("status-returned-late", "trễ hạn.", "late."),
    STATUS_SUPPLEMENT("status-supplement", "Hồ sơ cần bổ sung giấy tờ. Xin liên hệ bộ phận một cửa.",
            "The dossier needs more documents. Please contact the one-stop counter."),
    STATUS_READY("status-ready", "Hồ sơ đã có kết quả. Xin mời quý vị đến nhận.",
            "The result is ready. Please come and collect it."),
    STATUS_WITHDRAWN("status-withdrawn", "Hồ sơ đã được rút.", "The dossier was withdrawn."),
    UNNAMED_OFFICE("unnamed-office", "cơ quan chuyên môn", "the specialised office"),
    UNNAMED_STAGE("unnamed-stage", "chuyên môn", "processing"),

    // Rating
    RATE_HOW("rate-how", "Nếu có số biên nhận hồ sơ, bấm 1. Để chấm điểm một cơ quan theo mã số, bấm 2.",
            "If you have a receipt number, press 1. To rate an office by its code, press 2."),
    ENTER_OFFICE("enter-office", "Xin nhập mã số cơ quan, kết thúc bằng phím thăng.",
            "Enter the office code, then press hash."),
    OFFICE_UNKNOWN("office-unknown", "Không có cơ quan nào có mã số này.", "No office has this code."),
    PHONE_DIGITS("phone-digits", "Để đánh giá được ghi nhận như của người nộp hồ sơ, xin nhập 4 số cuối của số "
            + "điện thoại đã khai khi nộp hồ sơ, kết thúc bằng phím thăng. Nếu không nhớ, chỉ bấm phím thăng: ý kiến "
            + "vẫn được ghi nhận như của một người gọi khác.",
            "For your rating to count as the applicant's, enter the last 4 digits of the phone number given when "
                    + "the dossier was filed, then press hash. If you do not remember it, just press hash: your "
                    + "answers are still recorded, as those of another caller."),
    PHONE_DIGITS_INVALID("phone-digits-invalid", "Xin nhập đúng 4 chữ số.", "Please enter exactly 4 digits."),
    RATING_FOR("rating-for", "Quý vị đang chấm điểm", "You are rating"),
    RATE_SCALE("rate-scale", "Với mỗi câu hỏi, bấm từ 1 đến 5: 1 là rất không hài lòng, 5 là rất hài lòng.",
            "For each question press 1 to 5: 1 is very dissatisfied, 5 is very satisfied."),
    QUESTION_ATTITUDE("question-attitude", "Thái độ của cán bộ tiếp nhận hồ sơ?",
            "The receiving officer's attitude?"),
    QUESTION_TIMELINESS("question-timeliness", "Thời gian giải quyết hồ sơ?", "Timeliness?"),
    QUESTION_OVERALL("question-overall", "Mức độ hài lòng chung?", "Overall satisfaction?"),
    QUESTION_NUMBER("question-number", "Câu hỏi số", "Question number"),
    RATING_THANKS("rating-thanks", "Cảm ơn quý vị. Ý kiến đã được ghi nhận, lãnh đạo sẽ xem kết quả này.",
            "Thank you. Your answers are recorded and leaders see the result."),

    // Harassment report and complaint
    HARASSMENT_INTRO("harassment-intro", "Quý vị báo cán bộ vòi vĩnh, hạch sách. Thông tin được giữ bí mật.",
            "You are reporting an officer who asked for money or harassed you. This is kept confidential."),
    HARASSMENT_RECORD("harassment-record", "Sau tiếng bíp, xin nói rõ tên hoặc vị trí cán bộ, nơi và thời gian "
            + "xảy ra sự việc. Bấm phím thăng khi xong.",
            "After the beep, say the officer's name or desk, where and when it happened. Press hash when done."),
    HARASSMENT_THANKS("harassment-thanks", "Báo cáo đã được chuyển ngay tới lãnh đạo. Cảm ơn quý vị.",
            "Your report has been passed to the leaders at once. Thank you."),
    COMPLAINT_RECORD("complaint-record", "Sau tiếng bíp, xin nói góp ý của quý vị. Bấm phím thăng khi xong.",
            "After the beep, leave your complaint or suggestion. Press hash when done."),
    COMPLAINT_REVIEW("complaint-review", "Để nghe lại, bấm 1. Để gửi, bấm 2. Để ghi lại, bấm 3.",
            "To listen, press 1. To send, press 2. To record again, press 3."),
    NOTHING_RECORDED("nothing-recorded", "Không ghi được lời nhắn.", "Nothing was recorded."),
    COMPLAINT_THANKS("complaint-thanks", "Góp ý đã được gửi. Cảm ơn quý vị.", "Your complaint was sent. Thank you."),
    RECORDING_FAILED("recording-failed", "Xin lỗi, hiện không ghi âm được. Xin gọi lại sau.",
            "Sorry, recording is not possible now. Please call again later."),

    // Leader on duty
    LEADER_CONNECTING("leader-connecting", "Xin chờ, đang nối máy tới lãnh đạo trực.",
            "Please wait, connecting you to the leader on duty."),
    LEADER_NOBODY("leader-nobody", "Xin lỗi, hiện không có lãnh đạo trực.", "Sorry, no leader is on duty now."),
    LEADER_UNAVAILABLE("leader-unavailable", "Xin lỗi, lãnh đạo trực chưa nghe máy được.",
            "Sorry, the leader on duty could not answer."),
    LEADER_OFFER_MESSAGE("leader-offer-message", "Để gửi lời nhắn cho lãnh đạo, bấm 1. Để quay lại, bấm sao.",
            "To leave a message for the leader, press 1. To go back, press star."),
    LEADER_MESSAGE_RECORD("leader-message-record", "Sau tiếng bíp, xin để lại lời nhắn. Bấm phím thăng khi xong.",
            "After the beep, leave your message. Press hash when done."),
    LEADER_MESSAGE_THANKS("leader-message-thanks", "Lời nhắn đã được chuyển tới lãnh đạo. Cảm ơn quý vị.",
            "Your message has been passed to the leader. Thank you."),

    // Leader chain and recording beep (issue 13): the office a leader is asked for, the tries while the caller
    // waits, and the application's own beep so that a site needs none of Asterisk's core sounds.
    LEADER_OF_OFFICE("leader-of-office", "Quý vị cần gặp lãnh đạo trực của", "You asked for the leader on duty of"),
    LEADER_TRYING_NEXT("leader-trying-next", "Xin lỗi, người trực chưa nghe máy. Xin quý vị tiếp tục chờ, "
            + "đang nối máy tới lãnh đạo khác.",
            "Sorry, the person on duty did not answer. Please keep holding, connecting you to another leader."),
    BEEP("beep", "", "(beep: a short 1 kHz tone before a recording)"),

    // Number and date fragments (see VietnameseNumbers)
    N0("num-0", "không", "zero"),
    N1("num-1", "một", "one"),
    N2("num-2", "hai", "two"),
    N3("num-3", "ba", "three"),
    N4("num-4", "bốn", "four"),
    N5("num-5", "năm", "five"),
    N6("num-6", "sáu", "six"),
    N7("num-7", "bảy", "seven"),
    N8("num-8", "tám", "eight"),
    N9("num-9", "chín", "nine"),
    N10("num-10", "mười", "ten"),
    MOT("num-mot", "mốt", "one (after tens)"),
    TU("num-tu", "tư", "four (after tens)"),
    LAM("num-lam", "lăm", "five (after ten)"),
    MUOI("word-muoi", "mươi", "-ty"),
    TRAM("word-tram", "trăm", "hundred"),
    LINH("word-linh", "linh", "and (zero tens)"),
    NGHIN("word-nghin", "nghìn", "thousand"),
    TRIEU("word-trieu", "triệu", "million"),
    TY("word-ty", "tỷ", "billion"),
    DAY("word-ngay", "ngày", "day"),
    MONTH("word-thang", "tháng", "month"),
    YEAR("word-nam", "năm", "year");

    private static final Map<String, Prompt> BY_FILE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Prompt::file, Function.identity()));

    private final String file;
    private final String vi;
    private final String en;

    Prompt(String file, String vi, String en) {
        this.file = file;
        this.vi = vi;
        this.en = en;
    }

    /** File name without extension, relative to the sound prefix (e.g. {@code main-menu}). */
    public String file() {
        return file;
    }

    public String vi() {
        return vi;
    }

    public String en() {
        return en;
    }

    public Clip clip() {
        return new Clip(file, vi, name());
    }

    /**
     * The recording that asks a rating question, by the question's code. The hotline speaks these, never the
     * question's text in the database (which administrators may reword for the web): a question without a recording
     * of its own is announced only by its number ({@link #QUESTION_NUMBER}).
     */
    public static Optional<Prompt> forQuestion(String code) {
        return Optional.ofNullable(switch (code) {
            case "ATTITUDE" -> QUESTION_ATTITUDE;
            case "TIMELINESS" -> QUESTION_TIMELINESS;
            case "OVERALL" -> QUESTION_OVERALL;
            default -> null;
        });
    }

    public static Optional<Prompt> byFile(String file) {
        return Optional.ofNullable(BY_FILE.get(file));
    }

    /** The digit fragments 0–9, as read one by one (receipt numbers, codes). */
    public static Prompt digit(int d) {
        return switch (d) {
            case 0 -> N0; case 1 -> N1; case 2 -> N2; case 3 -> N3; case 4 -> N4;
            case 5 -> N5; case 6 -> N6; case 7 -> N7; case 8 -> N8; case 9 -> N9;
            default -> throw new IllegalArgumentException("Not a digit: " + d);
        };
    }
}
