/** Public verification of signed documents (the QR code's page). */
export { verificationRoutes } from './verification.routes.js';
export { verifyDocument } from './verification.usecases.js';
export type { DocumentVerification } from './verification.schemas.js';
