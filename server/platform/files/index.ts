export { SNIFF_BYTES, sniffMediaType, mediaTypeLabel, extensionOfMediaType, type SniffedType } from './media-type.js';
export { checkUpload, formatSize, tooLargeProblem, type UploadFacts, type UploadPolicy, type UploadProblem, type UploadProblemCode } from './upload-check.js';
export { storeUpload, uploadProblemError, type IncomingFile, type StoredUpload } from './store-upload.js';
export { createMalwareScanner, createClamavScanner, clamdInstream, parseClamdReply, type MalwareScanner, type ScanVerdict, type ClamavOptions } from './malware-scanner.js';
export { createUploadRejectedError, createScannerUnavailableError } from './files.errors.js';
export { cleanFileName, storedFileName } from './file-name.js';
