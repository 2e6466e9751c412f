// The settings page's live segment count for the citizen SMS templates: the same arithmetic as SmsText (GSM-7
// 160/153 with the extension table counting twice, else UCS-2 70/67), on the text as it would leave — placeholders
// filled with long real values, diacritics stripped when the site strips them, room kept for the 7-character reference.
(function () {
  const GSM = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
  const EXT = '^{}\\[~]|€\f';
  const SAMPLE = {
    '{cơ quan}': 'Bộ phận Một cửa UBND huyện Hướng Hóa', '{số hồ sơ}': '2026112200123', '{ngày hẹn}': '05/12/2026',
    '{tổng đài}': '1022', '{câu hỏi}': 'thái độ, đúng hẹn, hài lòng', '{số câu}': '3',
    '{tình trạng}': 'đang ở bước Thẩm định, Phòng Tài nguyên và Môi trường huyện Hướng Hóa, 12 ngày; hẹn trả 28/11/2026, đã trễ 3 ngày'
  };
  function strip(s) {
    return s.replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFD').replace(/\p{M}+/gu, '')
      .replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/…/g, '...').replace(/[–—]/g, '-');
  }
  function count(s) {
    let n = 0;
    for (const c of s) {
      if (GSM.includes(c)) n++; else if (EXT.includes(c)) n += 2; else return { gsm: false, length: s.length,
        segments: s.length <= 70 ? 1 : Math.ceil(s.length / 67) };
    }
    return { gsm: true, length: n, segments: n <= 160 ? 1 : Math.ceil(n / 153) };
  }
  document.querySelectorAll('textarea[data-sms-counter]').forEach(function (area) {
    const out = document.getElementById(area.dataset.out);
    function update() {
      let text = area.value.replace(/\s+/g, ' ').trim();
      for (const [k, v] of Object.entries(SAMPLE)) text = text.split(k).join(v);
      if (area.dataset.strip === 'true') text = strip(text);
      const c = count(text + ' #1AAO');
      const label = c.segments > Number(area.dataset.max) ? out.dataset.over : out.dataset.label;
      out.textContent = label.replace('{0}', c.segments).replace('{1}', c.length);
    }
    area.addEventListener('input', update);
  });
})();
