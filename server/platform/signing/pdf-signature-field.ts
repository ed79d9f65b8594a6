/**
 * A signature field with an empty signature value (ISO 32000-1 § 12.8, PAdES baseline B): the
 * /Sig dictionary with the /ByteRange placeholder @signpdf fills in, the widget on a page (an
 * invisible one by default, or one with a visible appearance), the field added to the AcroForm.
 */
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import type { IncrementalUpdate, PdfStreamObject } from './pdf-incremental.js';
import { PdfDict, PdfName, PdfRaw, PdfRef, PdfString, pdfDate, type PdfValue } from './pdf-objects.js';

export interface SignatureFieldOptions {
  reason: string;
  name?: string;
  location?: string;
  contactInfo?: string;
  /** Written as /M, the claimed signing time. */
  signingTime: Date;
  /** Bytes reserved for the CMS signature. */
  signatureLength?: number;
  /** A visible widget: the form XObject (already added to the update) and where it sits. */
  appearance?: { pageIndex: number; rect: [number, number, number, number]; form: PdfRef };
}

/** Room for the CMS (about 2.6 KB with a 2048-bit key and a two-certificate chain), with margin for longer chains. */
export const DEFAULT_SIGNATURE_LENGTH = 8192;

const placeholder = `/${DEFAULT_BYTE_RANGE_PLACEHOLDER}`;

/** Adds the field to `update`; sign the finished bytes with @signpdf afterwards. */
export function addSignatureField(update: IncrementalUpdate, options: SignatureFieldOptions): void {
  const { file } = update;
  const catalog = file.catalog;
  const pageRefs = file.pageRefs();
  const pageIndex = options.appearance?.pageIndex ?? 0;
  const pageRef = pageRefs[Math.min(pageIndex, pageRefs.length - 1)]!;

  // Existing form fields, wherever the AcroForm lives.
  const acroFormValue = catalog.get('AcroForm');
  const acroForm = (file.dict(acroFormValue) ?? new PdfDict()).clone();
  const fieldsValue = file.resolve(acroForm.get('Fields'));
  const fields: PdfValue[] = Array.isArray(fieldsValue) ? [...fieldsValue] : [];
  const fieldName = uniqueFieldName(fields.map((f) => file.dict(f)?.get('T')));

  const sig = new PdfDict({
    Type: new PdfName('Sig'),
    Filter: new PdfName('Adobe.PPKLite'),
    SubFilter: new PdfName(SUBFILTER_ETSI_CADES_DETACHED),
    // @signpdf finds these two by their text: /ByteRange first, then "/Contents ".
    ByteRange: new PdfRaw(`[0 ${placeholder} ${placeholder} ${placeholder}]`),
    Contents: new PdfRaw(`<${'0'.repeat((options.signatureLength ?? DEFAULT_SIGNATURE_LENGTH) * 2)}>`),
    Reason: PdfString.text(options.reason),
    M: PdfString.ascii(pdfDate(options.signingTime)),
  });
  if (options.name) sig.set('Name', PdfString.text(options.name));
  if (options.location) sig.set('Location', PdfString.text(options.location));
  if (options.contactInfo) sig.set('ContactInfo', PdfString.text(options.contactInfo));
  sig.set('Prop_Build', new PdfDict({ App: new PdfDict({ Name: new PdfName('OpenDVC') }) }));
  const sigRef = update.add(sig);

  const widget = new PdfDict({
    Type: new PdfName('Annot'),
    Subtype: new PdfName('Widget'),
    FT: new PdfName('Sig'),
    Rect: options.appearance ? options.appearance.rect : [0, 0, 0, 0],
    // Print (4) + Locked (128).
    F: 132,
    T: PdfString.ascii(fieldName),
    V: sigRef,
    P: pageRef,
  });
  if (options.appearance) widget.set('AP', new PdfDict({ N: options.appearance.form }));
  const widgetRef = update.add(widget);

  // The page lists the widget among its annotations.
  const page = file.dict(pageRef)!.clone();
  const annots = page.get('Annots');
  if (annots instanceof PdfRef && Array.isArray(file.get(annots))) {
    update.set(annots, [...(file.get(annots) as PdfValue[]), widgetRef]);
  } else {
    page.set('Annots', [...(Array.isArray(annots) ? annots : []), widgetRef]);
    update.set(pageRef, page);
  }

  acroForm.set('Fields', [...fields, widgetRef]);
  // SignaturesExist (1) + AppendOnly (2).
  acroForm.set('SigFlags', 3);
  if (acroFormValue instanceof PdfRef) {
    update.set(acroFormValue, acroForm);
  } else {
    const newCatalog = catalog.clone();
    newCatalog.set('AcroForm', update.add(acroForm));
    // ETSI.CAdES.detached is an extension of PDF 1.7 (ISO 32000-1 extension level 2 of ESIC).
    newCatalog.set('Version', new PdfName('1.7'));
    newCatalog.set('Extensions', new PdfDict({ ESIC: new PdfDict({ BaseVersion: new PdfName('1.7'), ExtensionLevel: 2 }) }));
    update.set(file.rootRef, newCatalog);
  }
}

function uniqueFieldName(existing: (PdfValue | undefined)[]): string {
  const names = new Set(existing.map((t) => (t instanceof PdfString ? t.text() : '')));
  let n = names.size + 1;
  while (names.has(`Signature${n}`)) n++;
  return `Signature${n}`;
}

/** A form XObject stream built from a page's content, for a widget appearance. */
export function formXObject(data: Buffer, options: { bbox: [number, number, number, number]; resources: PdfValue; filter?: PdfValue }): PdfStreamObject {
  const dict = new PdfDict({
    Type: new PdfName('XObject'),
    Subtype: new PdfName('Form'),
    BBox: options.bbox,
    Resources: options.resources,
  });
  if (options.filter !== undefined) dict.set('Filter', options.filter);
  return { dict, data };
}
