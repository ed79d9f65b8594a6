/**
 * An NSW `receiveRequest`: the SOAP request is read with the XML limits, its message checked
 * (addressed to this ministry, an application: type 10 function 01, a configured procedure code,
 * the enterprise, the e-form data and the documents), and the dossier filed through the dossiers
 * module (origin NSW, idempotent on the NSW document number). The answer is a message of the same
 * type with function 99 (received: the dossier code and appointment) or 00 (the list of errors).
 * A request that is not a readable SOAP message gets a SOAP fault.
 */
import { randomUUID } from 'node:crypto';
import {
  NSW_FUNCTIONS, NSW_TYPES, NswXmlError, attachmentsOf, buildMessageXml, buildReceiveResponse, buildSoapFault, formatNswDate, parseMessageXml, parseSoap,
  type NswError, type NswMessage,
} from '../../../common/nsw/protocol.js';
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import type { MalwareScanner } from '../../platform/files/index.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import { fileExternalDossier, type ExternalFile } from '../dossiers/index.js';
import { nswMessagesTable } from './nsw.tables.js';


export interface NswReceiveDeps {
  db: Database;
  config: Config;
  storage: ObjectStorage;
  scanner: MalwareScanner;
}

export interface SoapAnswer {
  httpStatus: number;
  xml: string;
}

const TAX_CODE = /^\d{10}(-\d{3})?$/;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function answer(config: Config, request: NswMessage, fn: string, content: Record<string, unknown>): string {
  return buildMessageXml({
    messageId: randomUUID(),
    from: config.nswParty,
    to: request.from,
    subject: { DocumentType: request.subject.DocumentType, Type: request.subject.Type || NSW_TYPES.application, Function: fn, Reference: request.subject.Reference, PreReference: request.messageId, SendDate: formatNswDate(new Date()) },
    content,
  });
}

const errorContent = (documentNo: string, errors: NswError[]) => ({ DocumentNo: documentNo, Errors: { Error: errors } });

/** Reads the application's content into the dossier's input, or lists what is wrong with it. */
function readApplication(message: NswMessage): { errors: NswError[]; enterprise: Record<string, string>; answers: Record<string, unknown>; files: ExternalFile[] } {
  const errors: NswError[] = [];
  const c = message.content;
  const documentNo = str(c.DocumentNo);
  if (!documentNo) errors.push({ ErrorCode: 'Content.DocumentNo', ErrorName: 'Thiếu số hồ sơ một cửa quốc gia (DocumentNo)' });
  else if (documentNo !== message.subject.Reference) errors.push({ ErrorCode: 'Content.DocumentNo', ErrorName: 'Số hồ sơ (DocumentNo) khác với Subject/Reference' });
  const e = (c.Enterprise ?? {}) as Record<string, unknown>;
  const enterprise = { TaxCode: str(e.TaxCode), Name: str(e.Name), Address: str(e.Address), Phone: str(e.Phone), Email: str(e.Email), Representative: str(e.Representative) };
  if (!TAX_CODE.test(enterprise.TaxCode)) errors.push({ ErrorCode: 'Enterprise.TaxCode', ErrorName: 'Mã số thuế doanh nghiệp phải gồm 10 chữ số (hoặc 10 chữ số, dấu gạch và 3 chữ số với chi nhánh)' });
  if (enterprise.Name.length < 2) errors.push({ ErrorCode: 'Enterprise.Name', ErrorName: 'Thiếu tên doanh nghiệp' });
  let answers: Record<string, unknown> = {};
  const formData = str(c.FormData);
  if (!formData) errors.push({ ErrorCode: 'Content.FormData', ErrorName: 'Thiếu nội dung tờ khai (FormData)' });
  else {
    try {
      const parsed = JSON.parse(formData) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      answers = parsed as Record<string, unknown>;
    } catch {
      errors.push({ ErrorCode: 'Content.FormData', ErrorName: 'Nội dung tờ khai (FormData) phải là một đối tượng JSON' });
    }
  }
  const files: ExternalFile[] = [];
  attachmentsOf(c).forEach((a, i) => {
    const componentNo = Number(a.ComponentNo);
    if (!Number.isInteger(componentNo) || componentNo < 1) errors.push({ ErrorCode: `Attachments.${i + 1}.ComponentNo`, ErrorName: 'Số thứ tự thành phần hồ sơ (ComponentNo) không hợp lệ' });
    if (!a.FileName) errors.push({ ErrorCode: `Attachments.${i + 1}.FileName`, ErrorName: 'Thiếu tên tệp' });
    if (!BASE64.test(a.Content)) errors.push({ ErrorCode: `Attachments.${i + 1}.Content`, ErrorName: 'Nội dung tệp phải mã hóa base64' });
    else files.push({ componentNo, name: a.FileName, bytes: Buffer.from(a.Content, 'base64') });
  });
  return { errors, enterprise, answers, files };
}

/** Handles one `receiveRequest` and returns the SOAP answer (never throws for bad input). */
export async function receiveNswRequest(deps: NswReceiveDeps, soapXml: string): Promise<SoapAnswer> {
  const { db, config } = deps;
  const limits = { maxBytes: config.nswMaxMessageBytes, maxDepth: config.nswMaxXmlDepth };
  let message: NswMessage;
  let officeCode: string;
  try {
    const request = parseSoap(soapXml, limits);
    if (!request.data) return { httpStatus: 500, xml: buildSoapFault('soapenv:Client', 'Thiếu thông điệp (data) trong receiveRequest') };
    officeCode = request.officeCode;
    message = parseMessageXml(request.data, limits);
    if (request.documentType && request.documentType !== message.subject.DocumentType) {
      return { httpStatus: 200, xml: buildReceiveResponse(answer(config, message, NSW_FUNCTIONS.validationError, errorContent(message.subject.Reference, [{ ErrorCode: 'documentType', ErrorName: 'documentType của yêu cầu khác với Subject/DocumentType của thông điệp' }]))) };
    }
  } catch (e) {
    if (e instanceof NswXmlError) return { httpStatus: 500, xml: buildSoapFault('soapenv:Client', e.message) };
    throw e;
  }

  const documentNo = message.subject.Reference;
  const refuse = async (errors: NswError[]) => {
    await db.insert(nswMessagesTable).values({
      id: createId('nsw'), direction: 'IN', documentNo: documentNo || '(trống)', documentType: message.subject.DocumentType || '(trống)', type: message.subject.Type, function: message.subject.Function,
      messageId: message.messageId || '(trống)', state: 'REJECTED', answer: { function: NSW_FUNCTIONS.validationError, errors, officeCode },
    });
    return { httpStatus: 200, xml: buildReceiveResponse(answer(config, message, NSW_FUNCTIONS.validationError, errorContent(documentNo, errors))) };
  };

  const envelopeErrors: NswError[] = [];
  if (!documentNo) envelopeErrors.push({ ErrorCode: 'Subject.Reference', ErrorName: 'Thiếu số hồ sơ (Subject/Reference)' });
  if (message.to.Identity !== config.nswParty.Identity || message.to.MinistryCode !== config.nswParty.MinistryCode) {
    envelopeErrors.push({ ErrorCode: 'Header.To', ErrorName: `Thông điệp không gửi tới ${config.nswParty.Name} (To/Identity, To/MinistryCode)` });
  }
  if (!message.from.Identity) envelopeErrors.push({ ErrorCode: 'Header.From', ErrorName: 'Thiếu bên gửi (From/Identity)' });
  if (message.subject.Type !== NSW_TYPES.application || message.subject.Function !== NSW_FUNCTIONS.send) {
    envelopeErrors.push({ ErrorCode: 'Subject.Function', ErrorName: `Chỉ nhận hồ sơ đăng ký (Type ${NSW_TYPES.application}, Function ${NSW_FUNCTIONS.send}); nhận được Type ${message.subject.Type || '(trống)'}, Function ${message.subject.Function || '(trống)'}` });
  }
  const target = config.nswProcedureCodes[message.subject.DocumentType];
  if (!target) envelopeErrors.push({ ErrorCode: 'Subject.DocumentType', ErrorName: `Mã thủ tục ${message.subject.DocumentType || '(trống)'} không được Bộ tiếp nhận qua Cơ chế một cửa quốc gia` });
  if (envelopeErrors.length > 0) return refuse(envelopeErrors);

  const app = readApplication(message);
  if (app.errors.length > 0) return refuse(app.errors);
  const [procedureCode, caseCode] = target!.split('/') as [string, string];
  const filed = await fileExternalDossier(deps, {
    origin: 'NSW',
    externalRef: documentNo,
    procedureCode,
    caseCode,
    applicant: {
      fullName: app.enterprise.Name!,
      organisationTaxCode: app.enterprise.TaxCode,
      address: app.enterprise.Address || null,
      phone: app.enterprise.Phone || null,
      email: app.enterprise.Email || null,
      filedByName: app.enterprise.Representative || null,
    },
    answers: app.answers,
    files: app.files,
  });
  if (!filed.ok) return refuse(filed.problems.map((p) => ({ ErrorCode: p.path, ErrorName: p.message })));

  const d = filed.dossier;
  await db.insert(nswMessagesTable).values({
    id: createId('nsw'), direction: 'IN', dossierId: d.id, documentNo, documentType: message.subject.DocumentType, type: message.subject.Type, function: message.subject.Function,
    messageId: message.messageId || '(trống)', state: 'ACCEPTED', answer: { function: NSW_FUNCTIONS.received, dossierCode: d.code, duplicate: !filed.created, officeCode },
  });
  return {
    httpStatus: 200,
    xml: buildReceiveResponse(answer(config, message, NSW_FUNCTIONS.received, {
      DocumentNo: documentNo,
      DossierCode: d.code ?? '',
      ReceiveDate: formatNswDate(d.submittedAt ?? d.createdAt),
      AppointmentDate: d.appointmentAt ? formatNswDate(d.appointmentAt) : '',
      Duplicate: filed.created ? '0' : '1',
    })),
  };
}
