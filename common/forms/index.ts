/** E-forms shared by server and web: validation, Vietnamese messages, formats and prefill. */
export * from './validate.js';
export * from './messages-vi.js';
export * from './formats.js';
export * from './prefill.js';
export { resolveRef, schemaAt, walkProperties, pointerToSegments, segmentsToPath } from './schema-walk.js';
