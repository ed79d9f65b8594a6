/**
 * Vietnamese texts: the reference dictionary. `en.ts` must provide the same keys
 * (the `Messages` type enforces it). Functions take the values to put in the sentence.
 *
 * The app loads them in parts (language.ts): the citizen's texts (citizen.vi.ts) with the first
 * page; the dossier pages' texts (dossiers.vi.ts), the verification page's (verification.vi.ts), the statistics pages' (statistics.vi.ts), the account pages' texts (account.vi.ts) and the officials' texts (staff.vi.ts) with
 * those pages, so that the other pages do not carry them. Import this whole dictionary only in
 * tests and for its type.
 */
import { accountPartVi, type AccountMessages } from './account.vi';
import { citizenVi, type CitizenMessages } from './citizen.vi';
import { dossiersPartVi, type DossiersMessages } from './dossiers.vi';
import { statisticsPartVi, type StatisticsMessages } from './statistics.vi';
import { verificationPartVi, type VerificationMessages } from './verification.vi';
import { mergeTexts } from './merge';
import { staffVi, type StaffMessages } from './staff.vi';

export type Messages = CitizenMessages & DossiersMessages & VerificationMessages & StatisticsMessages & AccountMessages & StaffMessages;

export const vi: Messages = mergeTexts(mergeTexts(mergeTexts(mergeTexts(mergeTexts(citizenVi, dossiersPartVi), verificationPartVi), statisticsPartVi), accountPartVi), staffVi);
