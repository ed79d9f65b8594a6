import QRCode from 'qrcode';

/**
 * A QR code as an SVG string. Its own file, imported dynamically (`import('…/lib/qr-svg')`): the
 * QR encoder then arrives only when a page shows a code (VietQR payment, authenticator set-up).
 */
export function qrSvg(text: string, width: number): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 2, width, errorCorrectionLevel: 'M' });
}
