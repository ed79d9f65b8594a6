export { assertValidObjectKey, createDigestStream, type ObjectStorage, type PutOptions, type StoredObject } from './object-storage.js';
export { createFilesystemStorage } from './filesystem-storage.js';
export { createS3Storage, type S3StorageOptions } from './s3-storage.js';
export { createConfiguredS3Storage, createObjectStorage } from './create-storage.js';
export { createInvalidObjectKeyError, createObjectNotFoundError, createStorageUnavailableError } from './storage.errors.js';
