import type { components } from '../../../../contracts/api';

export type DocumentVerification = components['schemas']['DocumentVerification'];
