/**
 * The one-stop documents of Circular 01/2018/TT-VPCP as PDF: pure functions from plain data to
 * bytes (same input → same bytes).
 *
 *   renderReceiptSlip(data: ReceiptSlipData): Promise<Buffer>             // 01
 *   renderSupplementRequest(data: SupplementRequestData): Promise<Buffer> // 02
 *   renderRefusal(data: RefusalData): Promise<Buffer>                     // 03
 *   renderApology(data: ApologyData): Promise<Buffer>                     // 04
 *   renderControlSheet(data: ControlSheetData): Promise<Buffer>           // 05
 */
export { renderReceiptSlip, DEFAULT_TRACKING_HINT } from './receipt-slip.js';
export { renderSupplementRequest } from './supplement-request.js';
export { renderRefusal } from './refusal.js';
export { renderApology } from './apology.js';
export { renderControlSheet, handoverResultNames } from './control-sheet.js';
export { channelNames, FORM_TITLES, type FormNumber } from './documents.shared.js';
export type * from './documents.types.js';
export { renderResult, type ResultData } from './result.js';
