/**
 * Vietnamese texts: the reference dictionary. `en.ts` must provide the same keys
 * (the `Messages` type enforces it). Functions take the values to put in the sentence.
 *
 * The app loads them in two parts (language.ts): the citizen's texts (citizen.vi.ts) with the first
 * page, the officials' texts (staff.vi.ts) with the officials' pages, so that a citizen's page does
 * not carry the back office's and the administration's texts. Import this whole dictionary only in
 * tests and for its type.
 */
import { citizenVi, type CitizenMessages } from './citizen.vi';
import { mergeTexts } from './merge';
import { staffVi, type StaffMessages } from './staff.vi';

export type Messages = CitizenMessages & StaffMessages;

export const vi: Messages = mergeTexts(citizenVi, staffVi);
