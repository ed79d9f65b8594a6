/** The audit trail: append (hash-chained), record a read, verify the chain. */
export { AUDIT_CHAIN_LOCK_KEY, auditRead, recordAuditEvent, recordRead, type AuditEventInput, type AuditOutcome, type AuditReadInput } from './record-audit-event.js';
export { verifyAuditChain, describeChainVerification } from './audit-verify.js';
export { auditRowHash, canonicalJson, createChainVerifier, type ChainBreak, type ChainVerification } from './audit-chain.js';
export { auditEventsTable } from './audit.tables.js';
