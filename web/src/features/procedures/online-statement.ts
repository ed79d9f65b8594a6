/**
 * A plain, honest sentence about what a citizen can do online for one procedure case,
 * derived only from its capabilities (the same facts that decide the Decree 42/2022 level).
 */
import { onlineLevel, type ProcedureCapabilities } from '../../../../common/service-levels';
import type { Lang } from '../../i18n/language';

type Delivery = ProcedureCapabilities['resultDelivery'][number];

const deliveryWords: Record<Lang, Record<Delivery, string>> = {
  vi: { ELECTRONIC: 'bản điện tử trên Cổng', POSTAL: 'qua bưu chính', COUNTER: 'tại Văn phòng Một cửa' },
  en: { ELECTRONIC: 'electronically on the portal', POSTAL: 'by post', COUNTER: 'at the One-Stop Office' },
};

function joinOr(items: string[], lang: Lang): string {
  const or = lang === 'vi' ? ' hoặc ' : ' or ';
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${or}${items[items.length - 1]}`;
}

function resultClause(c: ProcedureCapabilities, lang: Lang): string {
  const unique = [...new Set(c.resultDelivery)];
  const where = joinOr(unique.map((d) => deliveryWords[lang][d]), lang);
  return lang === 'vi' ? `nhận kết quả ${where}` : `receive the result ${where}`;
}

function paymentClause(c: ProcedureCapabilities, lang: Lang): string {
  if (c.onlinePayment === 'NO_FEE') return lang === 'vi' ? 'Không thu phí' : 'There is no fee';
  if (c.onlinePayment) return lang === 'vi' ? 'Lệ phí có thể nộp trực tuyến' : 'Fees can be paid online';
  return lang === 'vi' ? 'Lệ phí nộp trực tiếp' : 'Fees are paid in person';
}

function inPersonSentence(c: ProcedureCapabilities, lang: Lang): string {
  if (!c.requiresInPersonStep) return '';
  return lang === 'vi'
    ? ' Bạn vẫn cần đến cơ quan ít nhất một lần trong quá trình giải quyết.'
    : ' You still need to visit the agency at least once while it is handled.';
}

export function onlineStatement(c: ProcedureCapabilities, lang: Lang): string {
  const level = onlineLevel(c);
  const external = c.externalSystem?.name;

  if (level === 'FULL') {
    if (external) {
      return lang === 'vi'
        ? `Thủ tục này được thực hiện trực tuyến toàn trình qua ${external}.`
        : `This procedure is carried out fully online through ${external}.`;
    }
    const apply =
      c.onlinePayment === 'NO_FEE'
        ? lang === 'vi' ? 'nộp hồ sơ trên Cổng (không thu phí)' : 'apply on the portal (there is no fee)'
        : lang === 'vi' ? 'nộp hồ sơ và lệ phí trên Cổng' : 'apply and pay the fees on the portal';
    return lang === 'vi'
      ? `Bạn có thể thực hiện toàn bộ thủ tục trực tuyến, không cần đến cơ quan: ${apply}, ${resultClause(c, lang)}.`
      : `You can complete the whole procedure online without visiting the agency: ${apply}, and ${resultClause(c, lang)}.`;
  }

  const rest = `${paymentClause(c, lang)}; ${resultClause(c, lang)}.${inPersonSentence(c, lang)}`;
  if (level === 'PARTIAL') {
    const submit = external
      ? lang === 'vi' ? `Bạn có thể nộp hồ sơ trực tuyến qua ${external}.` : `You can submit your application online through ${external}.`
      : lang === 'vi' ? 'Bạn có thể nộp hồ sơ trực tuyến.' : 'You can submit your application online.';
    return `${submit} ${rest}`;
  }
  const infoOnly =
    lang === 'vi'
      ? 'Thủ tục này chưa nộp được hồ sơ trực tuyến; trang này giúp bạn chuẩn bị hồ sơ và tải mẫu đơn để nộp tại nơi tiếp nhận.'
      : 'This procedure cannot be submitted online yet; this page helps you prepare the documents and download the forms to hand in where applications are received.';
  return `${infoOnly} ${rest}`;
}
