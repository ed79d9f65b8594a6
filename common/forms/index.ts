/** E-forms shared by server and web: validation, Vietnamese messages, formats, prefill and answers as read. */
export * from './validate.js';
export * from './messages-vi.js';
export * from './formats.js';
export * from './prefill.js';
export * from './answers.js';
export * from './skeleton.js';
export * from './address-shape.js';
export { resolveRef, schemaAt, walkProperties, pointerToSegments, segmentsToPath } from './schema-walk.js';
