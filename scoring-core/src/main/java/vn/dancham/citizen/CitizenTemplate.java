package vn.dancham.citizen;

import java.util.List;

/**
 * The SMS a citizen can get, each with the placeholders its text may use. The Vietnamese defaults fit one GSM-7
 * segment once diacritics are stripped (the default), with long real names; an administrator may change them at
 * /admin/settings (stored in citizen_sms_template).
 */
public enum CitizenTemplate {
    /** A dossier passed its due date and the one-stop system gave a new date. */
    APOLOGY("{cơ quan} xin lỗi ông/bà: hồ sơ {số hồ sơ} đã quá hạn trả. Hẹn trả mới: {ngày hẹn}. Thắc mắc xin gọi "
            + "{tổng đài}.", Placeholder.OFFICE, Placeholder.RECEIPT, Placeholder.NEW_DATE, Placeholder.HOTLINE),
    /** A dossier passed its due date and no new date is known yet. */
    APOLOGY_NO_DATE("{cơ quan} xin lỗi ông/bà: hồ sơ {số hồ sơ} đã quá hạn trả, sẽ báo ngày trả mới. Thắc mắc xin "
            + "gọi {tổng đài}.", Placeholder.OFFICE, Placeholder.RECEIPT, Placeholder.HOTLINE),
    /** A dossier was returned: rate it by replying, or by calling the hotline. */
    INVITATION("HS {số hồ sơ} đã trả. Chấm điểm {cơ quan}: nhắn {số câu} số 1-5 ({câu hỏi}) vd 5 4 5, hoặc "
            + "gọi {tổng đài}. TC: từ chối", Placeholder.RECEIPT, Placeholder.OFFICE,
            Placeholder.QUESTION_COUNT, Placeholder.QUESTIONS, Placeholder.HOTLINE),
    /** {@code HS <receipt>} from the applicant's own number. */
    STATUS("HS {số hồ sơ}: {tình trạng}. Hỏi thêm gọi {tổng đài}.", Placeholder.RECEIPT, Placeholder.STATUS,
            Placeholder.HOTLINE),
    /** {@code HS <receipt>} that is unknown, or not this number's: the same words, so nobody can probe. */
    STATUS_UNKNOWN("Không tìm thấy hồ sơ {số hồ sơ} đăng ký với số điện thoại này. Xin gọi {tổng đài} để được "
            + "giúp.", Placeholder.RECEIPT, Placeholder.HOTLINE),
    /** A reply to an invitation that could not be read (at most once per invitation). */
    CORRECTION("Chưa đọc được trả lời. Xin nhắn {số câu} số từ 1 đến 5 ({câu hỏi}), vd 5 4 5. Nhắn TC để từ chối "
            + "tin.", Placeholder.QUESTION_COUNT, Placeholder.QUESTIONS),
    /** The number texted TC / STOP. */
    OPT_OUT("Đã ghi nhận: số này sẽ không nhận tin mời chấm điểm và xin lỗi nữa. Cần hỏi xin gọi {tổng đài}.",
            Placeholder.HOTLINE),
    /** An SMS we cannot act on from a number we never wrote to (at most once a day). */
    HELP("Dân Chấm: nhắn HS <số biên nhận> để xem hồ sơ; trả lời tin mời bằng {số câu} số 1-5; nhắn TC để từ chối "
            + "tin. Gọi {tổng đài}.", Placeholder.QUESTION_COUNT, Placeholder.HOTLINE);

    /** What a template may say; written in Vietnamese, as administrators type them. */
    public enum Placeholder {
        OFFICE("{cơ quan}"), RECEIPT("{số hồ sơ}"), NEW_DATE("{ngày hẹn}"), HOTLINE("{tổng đài}"),
        QUESTIONS("{câu hỏi}"), QUESTION_COUNT("{số câu}"), STATUS("{tình trạng}");

        private final String token;

        Placeholder(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    private final String defaultText;
    private final List<Placeholder> placeholders;

    CitizenTemplate(String defaultText, Placeholder... placeholders) {
        this.defaultText = defaultText;
        this.placeholders = List.of(placeholders);
    }

    public String defaultText() {
        return defaultText;
    }

    public List<Placeholder> placeholders() {
        return placeholders;
    }
}
