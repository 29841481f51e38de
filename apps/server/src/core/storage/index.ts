export { assertBlobKey, assertTenantId, BlobTooLarge, type BlobInfo, type BlobStorage, type PutOptions } from './storage';
export { diskStorage } from './disk';
