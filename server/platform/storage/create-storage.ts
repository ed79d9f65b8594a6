import path from 'node:path';
import type { Config } from '../config/config.js';
import { createFilesystemStorage } from './filesystem-storage.js';
import type { ObjectStorage } from './object-storage.js';
import { createS3Storage } from './s3-storage.js';

type StorageConfig = Pick<Config, 'storageDriver' | 'dataDir' | 's3Endpoint' | 's3Region' | 's3Bucket' | 's3AccessKeyId' | 's3SecretAccessKey' | 's3ForcePathStyle'>;

/** The S3 storage of `STORAGE_DRIVER=s3`, from the configuration's S3 settings (also used by backups, which need its client). */
export function createConfiguredS3Storage(config: StorageConfig) {
  return createS3Storage({
    endpoint: config.s3Endpoint,
    region: config.s3Region,
    bucket: config.s3Bucket!,
    accessKeyId: config.s3AccessKeyId!,
    secretAccessKey: config.s3SecretAccessKey!,
    forcePathStyle: config.s3ForcePathStyle ?? Boolean(config.s3Endpoint),
    spoolDir: path.join(config.dataDir, 'tmp'),
  });
}

/** The object storage chosen by `STORAGE_DRIVER` (configuration has already checked the S3 settings). */
export function createObjectStorage(config: StorageConfig): ObjectStorage {
  if (config.storageDriver === 's3') {
    return createConfiguredS3Storage(config);
  }
  return createFilesystemStorage(path.join(config.dataDir, 'files'));
}
