/**
 * National Single Window simulator: a separate HTTP server playing the NSW side of the
 * `receiveRequest` exchange (domain brief §5.5; common/nsw/protocol.ts).
 *
 *   npm run sim:nsw -- --port 8095 --target http://127.0.0.1:3000 --client-id cli_… --client-secret …
 *
 * The ministry's system is `--target`: applications are posted to
 * `{target}/api/v1/nsw/receiveRequest` with a bearer token from `{target}/oauth/token`
 * (client credentials of an API client holding `nsw:submit`:
 * `npm run cli -- clients register --name "Cổng một cửa quốc gia" --scopes nsw:submit`).
 *
 * NSW side (what the ministry sends back):
 *   POST /nsw/receiveRequest   SOAP; records the message (reception notice 11/03, result 12/04;
 *                              attachments checked against their SHA-256) and answers 99, or 00
 *                              when the message is wrong, or a fault/HTTP error on demand
 *   GET  /nsw/receiveRequest?wsdl   a WSDL of this endpoint
 * Test side:
 *   POST /_sim/applications {documentNo?, documentType?, enterprise?, formData?, attachments?: [{componentNo, fileName, contentBase64}], raw?}
 *        → sends one application (a valid HCFC import application unless told otherwise; `raw`: a
 *          SOAP body sent as is) and returns {httpStatus, function, content, errors, fault}
 *   GET  /_sim/messages[?documentNo=]  → what came back, oldest first
 *   POST /_sim/faults {failNext, status, refuseNext}  → the next n messages from the ministry fail (HTTP status,
 *        default 503), or are answered 00 (refused)
 *   POST /_sim/config {target, clientId, clientSecret}  → where and as whom applications are sent
 *   POST /_sim/reset
 * Only app-independent helpers are imported (common/).
 */
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { parseArgs } from 'node:util';
import {
  NSW_FUNCTIONS, NSW_PARTY, NSW_TYPES, attachmentsOf, buildMessageXml, buildReceiveRequest, buildReceiveResponse, buildSoapFault, errorsOf, formatNswDate,
  parseMessageXml, parseSoap, type NswError, type NswMessage, type NswParty,
} from '../../common/nsw/protocol.js';

export interface NswSimOptions {
  target: string;
  clientId?: string;
  clientSecret?: string;
  /** The ministry's address in envelopes. */
  ministry: NswParty;
}

export interface ReceivedMessage {
  receivedAt: string;
  documentNo: string;
  documentType: string;
  type: string;
  function: string;
  from: NswParty;
  content: Record<string, unknown>;
  attachments: { fileName: string; mimeType: string; bytes: number; sha256: string; sha256Matches: boolean }[];
  answered: string;
}

const LIMITS = { maxBytes: 60 * 1024 * 1024, maxDepth: 64 };

/** The ministry's default address (the app's NSW_PARTY default). */
export const DEFAULT_MINISTRY: NswParty = { Identity: 'BNNMT', Name: 'Bộ Nông nghiệp và Môi trường', CountryCode: 'VN', MinistryCode: 'BNNMT', OrganizationCode: 'BNNMT', UnitCode: '000.00.01.G99' };

/** A small, valid PDF (one page, the document's title), for the application's documents. */
export function samplePdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A valid HCFC import application (procedure 2.002081), as an enterprise declares it on the NSW. */
export function sampleHcfcImport() {
  return {
    documentType: 'BNNMT0100081',
    enterprise: { TaxCode: '0101234567', Name: 'Công ty TNHH Điện lạnh Minh An', Address: 'Số 12 phố Lê Văn Lương, Phường Thanh Xuân, Hà Nội', Phone: '0241234567', Email: 'xuatnhapkhau@minhan.example.vn', Representative: 'Trần Minh An' },
    formData: {
      organisation: { name: 'Công ty TNHH Điện lạnh Minh An', taxCode: '0101234567', address: 'Số 12 phố Lê Văn Lương, Phường Thanh Xuân, Hà Nội', representative: 'Trần Minh An', position: 'Giám đốc', phone: '0912345678', email: 'xuatnhapkhau@minhan.example.vn' },
      registration: { year: 2026, substances: [{ substance: 'HCFC-22', hsCode: '2903.71.00', quantity: 12000 }], country: 'TH', purpose: 'SERVICING' },
    },
    attachments: [
      { componentNo: 1, fileName: 'Don-dang-ky-nhap-khau-HCFC.pdf', contentBase64: samplePdf('Don dang ky nhap khau cac chat HCFC').toString('base64') },
      { componentNo: 2, fileName: 'Giay-chung-nhan-dang-ky-doanh-nghiep.pdf', contentBase64: samplePdf('Giay chung nhan dang ky doanh nghiep').toString('base64') },
    ],
  };
}

interface ApplicationRequest {
  documentNo?: string;
  documentType?: string;
  enterprise?: Record<string, string>;
  formData?: unknown;
  attachments?: { componentNo: number; fileName: string; contentBase64: string }[];
  type?: string;
  function?: string;
  to?: Partial<NswParty>;
  raw?: string;
}

export function createNswSimulator(options: NswSimOptions) {
  const messages: ReceivedMessage[] = [];
  let faults = { failNext: 0, status: 503, refuseNext: 0 };
  let token: { value: string; expiresAt: number } | null = null;
  let sequence = 0;

  async function accessToken(): Promise<string | null> {
    if (!options.clientId || !options.clientSecret) return null;
    if (token && token.expiresAt > Date.now() + 5000) return token.value;
    const res = await fetch(`${options.target}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret, scope: 'nsw:submit' }).toString(),
    });
    if (!res.ok) throw new Error(`token: HTTP ${res.status} ${await res.text()}`);
    const body = await res.json() as { access_token: string; expires_in: number };
    token = { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return token.value;
  }

  async function sendApplication(req: ApplicationRequest) {
    const sample = sampleHcfcImport();
    const documentNo = req.documentNo ?? `NSW-${new Date().getFullYear()}-${String(++sequence).padStart(6, '0')}-${randomUUID().slice(0, 4)}`;
    const documentType = req.documentType ?? sample.documentType;
    const message: NswMessage = {
      messageId: randomUUID(),
      from: NSW_PARTY,
      to: { ...options.ministry, ...req.to },
      subject: { DocumentType: documentType, Type: req.type ?? NSW_TYPES.application, Function: req.function ?? NSW_FUNCTIONS.send, Reference: documentNo, SendDate: formatNswDate(new Date()) },
      content: {
        DocumentNo: documentNo,
        Enterprise: req.enterprise ?? sample.enterprise,
        FormData: JSON.stringify(req.formData ?? sample.formData),
        Attachments: { Attachment: (req.attachments ?? sample.attachments).map((a) => ({ ComponentNo: String(a.componentNo), FileName: a.fileName, MimeType: 'application/pdf', Content: a.contentBase64 })) },
      },
    };
    const body = req.raw ?? buildReceiveRequest({ officeCode: options.ministry.OrganizationCode, documentType, messageXml: buildMessageXml(message) });
    const bearer = await accessToken();
    const res = await fetch(`${options.target}/api/v1/nsw/receiveRequest`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"receiveRequest"', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body,
    });
    const text = await res.text();
    try {
      const soap = parseSoap(text, LIMITS);
      if (soap.fault) return { documentNo, httpStatus: res.status, fault: soap.fault };
      const reply = parseMessageXml(soap.data, LIMITS);
      return { documentNo, httpStatus: res.status, type: reply.subject.Type, function: reply.subject.Function, preReference: reply.subject.PreReference, sentMessageId: message.messageId, from: reply.from, content: reply.content, errors: errorsOf(reply.content) };
    } catch {
      return { documentNo, httpStatus: res.status, body: text.slice(0, 2000) };
    }
  }

  /** A message from the ministry: checked, recorded, answered 99 (or 00 with the problems). */
  function receive(xml: string): { status: number; xml: string } {
    let message: NswMessage;
    try {
      message = parseMessageXml(parseSoap(xml, LIMITS).data, LIMITS);
    } catch (e) {
      return { status: 500, xml: buildSoapFault('soapenv:Client', (e as Error).message) };
    }
    const errors: NswError[] = [];
    if (message.to.Identity !== NSW_PARTY.Identity) errors.push({ ErrorCode: 'Header.To', ErrorName: 'Thông điệp không gửi tới Cổng một cửa quốc gia' });
    if (!message.subject.Reference) errors.push({ ErrorCode: 'Subject.Reference', ErrorName: 'Thiếu số hồ sơ' });
    const expected: Record<string, string> = { [NSW_TYPES.receptionNotice]: NSW_FUNCTIONS.acknowledgeReception, [NSW_TYPES.result]: NSW_FUNCTIONS.sendResult };
    if (expected[message.subject.Type] !== message.subject.Function) errors.push({ ErrorCode: 'Subject.Function', ErrorName: `Type ${message.subject.Type} / Function ${message.subject.Function} không được hỗ trợ` });
    const attachments = attachmentsOf(message.content).map((a) => {
      const bytes = Buffer.from(a.Content, 'base64');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return { fileName: a.FileName, mimeType: a.MimeType, bytes: bytes.length, sha256, sha256Matches: !a.Sha256 || a.Sha256 === sha256 };
    });
    if (message.subject.Type === NSW_TYPES.result && attachments.length === 0) errors.push({ ErrorCode: 'Attachments', ErrorName: 'Kết quả thiếu tệp văn bản' });
    if (attachments.some((a) => !a.sha256Matches)) errors.push({ ErrorCode: 'Attachments.Sha256', ErrorName: 'Mã băm SHA-256 không khớp nội dung tệp' });
    if (faults.refuseNext > 0) {
      faults.refuseNext -= 1;
      errors.push({ ErrorCode: 'Simulated', ErrorName: 'Từ chối thử nghiệm (giả lập)' });
    }
    const fn = errors.length > 0 ? NSW_FUNCTIONS.validationError : NSW_FUNCTIONS.received;
    const content = { ...message.content };
    delete content.Attachments;
    messages.push({
      receivedAt: new Date().toISOString(), documentNo: message.subject.Reference, documentType: message.subject.DocumentType, type: message.subject.Type,
      function: message.subject.Function, from: message.from, content, attachments, answered: fn,
    });
    const reply = buildMessageXml({
      messageId: randomUUID(), from: NSW_PARTY, to: message.from,
      subject: { DocumentType: message.subject.DocumentType, Type: message.subject.Type, Function: fn, Reference: message.subject.Reference, PreReference: message.messageId, SendDate: formatNswDate(new Date()) },
      content: fn === NSW_FUNCTIONS.received ? { DocumentNo: message.subject.Reference } : { DocumentNo: message.subject.Reference, Errors: { Error: errors } },
    });
    return { status: 200, xml: buildReceiveResponse(reply) };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= LIMITS.maxBytes) chunks.push(c);
    });
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://sim');
        const body = Buffer.concat(chunks).toString('utf8');
        const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));
        if (size > LIMITS.maxBytes) return json(413, { error: 'too large' });
        if (url.pathname === '/nsw/receiveRequest' && req.method === 'GET') {
          return res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(`<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="http://schemas.xmlsoap.org/wsdl/" name="NswSimulator"><documentation>NSW simulator receiveRequest</documentation></definitions>`);
        }
        if (url.pathname === '/nsw/receiveRequest' && req.method === 'POST') {
          if (faults.failNext > 0) {
            faults.failNext -= 1;
            return res.writeHead(faults.status, { 'content-type': 'text/plain' }).end('simulated failure');
          }
          const answer = receive(body);
          return res.writeHead(answer.status, { 'content-type': 'text/xml; charset=utf-8' }).end(answer.xml);
        }
        if (url.pathname === '/_sim/applications' && req.method === 'POST') return json(200, await sendApplication(body ? JSON.parse(body) as ApplicationRequest : {}));
        if (url.pathname === '/_sim/messages' && req.method === 'GET') {
          const documentNo = url.searchParams.get('documentNo');
          return json(200, { items: documentNo ? messages.filter((m) => m.documentNo === documentNo) : messages });
        }
        if (url.pathname === '/_sim/faults' && req.method === 'POST') {
          const f = body ? JSON.parse(body) as { failNext?: number; status?: number; refuseNext?: number } : {};
          faults = { failNext: f.failNext ?? 0, status: f.status ?? 503, refuseNext: f.refuseNext ?? 0 };
          return json(200, faults);
        }
        if (url.pathname === '/_sim/config' && req.method === 'POST') {
          const c = body ? JSON.parse(body) as { target?: string; clientId?: string; clientSecret?: string } : {};
          if (c.target) options.target = c.target.replace(/\/$/, '');
          if (c.clientId !== undefined) options.clientId = c.clientId;
          if (c.clientSecret !== undefined) options.clientSecret = c.clientSecret;
          token = null;
          return json(200, { target: options.target, clientId: options.clientId ?? null });
        }
        if (url.pathname === '/_sim/reset' && req.method === 'POST') {
          messages.length = 0;
          faults = { failNext: 0, status: 503, refuseNext: 0 };
          return json(200, { ok: true });
        }
        return json(404, { error: 'not found' });
      })().catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
      });
    });
  });
  server.keepAliveTimeout = 5000;
  return { server, messages, sendApplication };
}

// Run as a program: npm run sim:nsw -- --port N --target URL --client-id ID --client-secret S
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8095' },
      host: { type: 'string', default: '127.0.0.1' },
      target: { type: 'string', default: 'http://127.0.0.1:3000' },
      'client-id': { type: 'string', default: process.env.NSW_SIM_CLIENT_ID },
      'client-secret': { type: 'string', default: process.env.NSW_SIM_CLIENT_SECRET },
    },
  });
  const { server } = createNswSimulator({ target: values.target!.replace(/\/$/, ''), clientId: values['client-id'], clientSecret: values['client-secret'], ministry: DEFAULT_MINISTRY });
  server.listen(Number(values.port), values.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : values.port;
    // The first line tells a parent process the port (0 picks a free one).
    console.log(`NSW simulator listening on http://${values.host}:${port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
