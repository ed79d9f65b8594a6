/**
 * English texts, the whole dictionary (see vi.ts): the app loads its parts, citizen.en.ts,
 * account.en.ts and staff.en.ts, when English is chosen and the pages need them.
 */
import { accountPartEn } from './account.en';
import { citizenEn } from './citizen.en';
import { dossiersPartEn } from './dossiers.en';
import { statisticsPartEn } from './statistics.en';
import { verificationPartEn } from './verification.en';
import { mergeTexts } from './merge';
import { staffEn } from './staff.en';
import type { Messages } from './vi';

export const en: Messages = mergeTexts(mergeTexts(mergeTexts(mergeTexts(mergeTexts(citizenEn, dossiersPartEn), verificationPartEn), statisticsPartEn), accountPartEn), staffEn);
