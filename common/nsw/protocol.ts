/**
 * The National Single Window (Cơ chế một cửa quốc gia) message protocol, shared by OpenDVC's
 * connector and the NSW simulator (domain brief §5.5). A SOAP 1.1 operation `receiveRequest`
 * carries `officeCode`, `documentType` (the NSW procedure code) and the message in `data` as XML
 * inside CDATA. The message is an envelope: a header with `From`/`To` parties {Identity, Name,
 * CountryCode, MinistryCode, OrganizationCode, UnitCode} and a subject (document type, message
 * `Type` and `Function`, the NSW document number), and a body with the content.
 *
 * XML is read with fast-xml-parser with limits: a size cap, a nesting cap, and any DOCTYPE or
 * entity declaration refused before parsing (no external entities, no entity expansion).
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** Message types (document kinds). */
export const NSW_TYPES = { application: '10', receptionNotice: '11', result: '12', revocation: '13' } as const;
/** Message functions. */
export const NSW_FUNCTIONS = { send: '01', acknowledgeReception: '03', sendResult: '04', revoke: '05', validationError: '00', received: '99' } as const;

export const NSW_SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const NSW_SERVICE_NS = 'urn:opendvc:nsw:receive:1';

export interface NswParty {
  Identity: string;
  Name: string;
  CountryCode: string;
  MinistryCode: string;
  OrganizationCode: string;
  UnitCode: string;
}

/** The NSW side of every exchange (Customs, Ministry of Finance). */
export const NSW_PARTY: NswParty = { Identity: 'NSW', Name: 'Cổng thông tin một cửa quốc gia', CountryCode: 'VN', MinistryCode: 'BTC', OrganizationCode: 'TCHQ', UnitCode: 'TCHQ' };

export interface NswSubject {
  /** The NSW procedure code (`documentType`). */
  DocumentType: string;
  Type: string;
  Function: string;
  /** The NSW document number of the filing this message is about. */
  Reference: string;
  /** The message this one answers, if any. */
  PreReference?: string;
  SendDate: string;
}

export interface NswMessage {
  messageId: string;
  from: NswParty;
  to: NswParty;
  subject: NswSubject;
  content: Record<string, unknown>;
}

export interface NswError {
  ErrorCode: string;
  ErrorName: string;
  Solution?: string;
}

export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
}

export type XmlProblem = 'too_large' | 'doctype' | 'malformed' | 'too_deep';

export class NswXmlError extends Error {
  constructor(readonly problem: XmlProblem, message: string) {
    super(message);
    this.name = 'NswXmlError';
  }
}

const problemMessages: Record<XmlProblem, string> = {
  too_large: 'Thông điệp vượt quá dung lượng cho phép',
  doctype: 'Thông điệp có khai báo DOCTYPE hoặc ENTITY, không được chấp nhận',
  malformed: 'Thông điệp không phải XML hợp lệ',
  too_deep: 'Thông điệp lồng quá nhiều cấp',
};

/**
 * Parses XML with the limits. Refuses a DOCTYPE or ENTITY declaration anywhere (also inside
 * CDATA, where an inner message could carry one), so no entity is ever declared, fetched or
 * expanded; only the five predefined entities and character references are decoded.
 */
export function parseXmlSafely(xml: string, limits: XmlLimits): Record<string, unknown> {
  if (Buffer.byteLength(xml, 'utf8') > limits.maxBytes) throw new NswXmlError('too_large', problemMessages.too_large);
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) throw new NswXmlError('doctype', problemMessages.doctype);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new NswXmlError('malformed', `${problemMessages.malformed}: ${valid.err.msg} (dòng ${valid.err.line})`);
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    maxNestedTags: limits.maxDepth,
    isArray: (name) => name === 'Attachment' || name === 'Error',
  });
  try {
    return parser.parse(xml) as Record<string, unknown>;
  } catch (e) {
    if (/nested/i.test((e as Error).message)) throw new NswXmlError('too_deep', problemMessages.too_deep);
    throw new NswXmlError('malformed', `${problemMessages.malformed}: ${(e as Error).message}`);
  }
}

const builder = new XMLBuilder({ cdataPropName: '__cdata', suppressEmptyNode: false, format: false });

/** `yyyy-MM-dd HH:mm:ss` in Asia/Ho_Chi_Minh (UTC+7). */
export function formatNswDate(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The message envelope as XML (the text that travels in CDATA). */
export function buildMessageXml(m: NswMessage): string {
  return builder.build({
    Envelope: {
      Header: {
        Reference: { version: '1', messageId: m.messageId },
        From: m.from,
        To: m.to,
        Subject: { ...m.subject, PreReference: m.subject.PreReference ?? '' },
      },
      Body: { Content: m.content },
    },
  }) as string;
}

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const partyOf = (v: unknown): NswParty => {
  const o = (v ?? {}) as Record<string, unknown>;
  return { Identity: text(o.Identity), Name: text(o.Name), CountryCode: text(o.CountryCode), MinistryCode: text(o.MinistryCode), OrganizationCode: text(o.OrganizationCode), UnitCode: text(o.UnitCode) };
};

/** Reads a message envelope; throws NswXmlError when it is not one. */
export function parseMessageXml(xml: string, limits: XmlLimits): NswMessage {
  const doc = parseXmlSafely(xml, limits);
  const env = doc.Envelope as Record<string, unknown> | undefined;
  const header = env?.Header as Record<string, unknown> | undefined;
  const subject = header?.Subject as Record<string, unknown> | undefined;
  if (!header || !subject) throw new NswXmlError('malformed', 'Thông điệp thiếu Envelope/Header/Subject');
  const body = env!.Body as Record<string, unknown> | undefined;
  const content = body?.Content;
  return {
    messageId: text((header.Reference as Record<string, unknown> | undefined)?.messageId),
    from: partyOf(header.From),
    to: partyOf(header.To),
    subject: {
      DocumentType: text(subject.DocumentType), Type: text(subject.Type), Function: text(subject.Function),
      Reference: text(subject.Reference), PreReference: text(subject.PreReference) || undefined, SendDate: text(subject.SendDate),
    },
    content: content && typeof content === 'object' ? (content as Record<string, unknown>) : {},
  };
}

/** A `receiveRequest` SOAP request carrying a message. */
export function buildReceiveRequest({ officeCode, documentType, messageXml }: { officeCode: string; documentType: string; messageXml: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({
    'soapenv:Envelope': {
      'soapenv:Body': { 'nsw:receiveRequest': { officeCode, documentType, data: { __cdata: messageXml.replaceAll(']]>', ']]]]><![CDATA[>') } } },
    },
  }).replace('<soapenv:Envelope>', `<soapenv:Envelope xmlns:soapenv="${NSW_SOAP_NS}" xmlns:nsw="${NSW_SERVICE_NS}">`)}`;
}

/** The SOAP answer to `receiveRequest`: the answering message in `return`, as CDATA. */
export function buildReceiveResponse(messageXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${NSW_SOAP_NS}" xmlns:nsw="${NSW_SERVICE_NS}"><soapenv:Body><nsw:receiveRequestResponse><return><![CDATA[${messageXml.replaceAll(']]>', ']]]]><![CDATA[>')}]]></return></nsw:receiveRequestResponse></soapenv:Body></soapenv:Envelope>`;
}

/** A SOAP fault (the request was not a readable `receiveRequest`). */
export function buildSoapFault(code: 'soapenv:Client' | 'soapenv:Server', message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${NSW_SOAP_NS}"><soapenv:Body><soapenv:Fault><faultcode>${code}</faultcode><faultstring>${escapeXml(message)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface ReceiveRequest {
  officeCode: string;
  documentType: string;
  /** The message XML from the CDATA. */
  data: string;
}

/** Reads a `receiveRequest` SOAP request (or its response, `return` instead of `data`). */
export function parseSoap(xml: string, limits: XmlLimits): ReceiveRequest & { fault?: string } {
  const doc = parseXmlSafely(xml, limits);
  const body = (doc.Envelope as Record<string, unknown> | undefined)?.Body as Record<string, unknown> | undefined;
  if (!body) throw new NswXmlError('malformed', 'Không phải thông điệp SOAP (thiếu Envelope/Body)');
  const fault = body.Fault as Record<string, unknown> | undefined;
  if (fault) return { officeCode: '', documentType: '', data: '', fault: text(fault.faultstring) };
  const op = (body.receiveRequest ?? body.receiveRequestResponse) as Record<string, unknown> | undefined;
  if (!op) throw new NswXmlError('malformed', 'Thông điệp SOAP không gọi thao tác receiveRequest');
  return { officeCode: text(op.officeCode), documentType: text(op.documentType), data: text(op.data ?? op.return) };
}

/** An attachment as carried in a message: base64 content with its name and (for results) SHA-256. */
export interface NswAttachment {
  ComponentNo?: string;
  FileName: string;
  MimeType: string;
  Sha256?: string;
  Content: string;
}

export function attachmentsOf(content: Record<string, unknown>): NswAttachment[] {
  const list = (content.Attachments as Record<string, unknown> | undefined)?.Attachment;
  return (Array.isArray(list) ? list : []).map((a: Record<string, unknown>) => ({
    ComponentNo: text(a.ComponentNo) || undefined, FileName: text(a.FileName), MimeType: text(a.MimeType), Sha256: text(a.Sha256) || undefined, Content: text(a.Content),
  }));
}

export function errorsOf(content: Record<string, unknown>): NswError[] {
  const list = (content.Errors as Record<string, unknown> | undefined)?.Error;
  return (Array.isArray(list) ? list : []).map((e: Record<string, unknown>) => ({ ErrorCode: text(e.ErrorCode), ErrorName: text(e.ErrorName), Solution: text(e.Solution) || undefined }));
}
