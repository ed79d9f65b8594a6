/**
 * English texts, the whole dictionary (see vi.ts): the app loads its two parts, citizen.en.ts and
 * staff.en.ts, when English is chosen.
 */
import { citizenEn } from './citizen.en';
import { mergeTexts } from './merge';
import { staffEn } from './staff.en';
import type { Messages } from './vi';

export const en: Messages = mergeTexts(citizenEn, staffEn);
