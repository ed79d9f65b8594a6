import type { placesVi } from './places.vi';

export const placesEn: typeof placesVi = {
  provincePlaceholder: 'Type to find a province or city',
  communePlaceholder: 'Type to find a commune, ward or special zone',
  communeAnywhere: 'Type the commune or ward to search the whole country',
  communeTypeMore: 'Type at least 2 letters of the commune, ward or special zone',
  communeFirst: 'Choose the province or city first',
  nothingFound: 'Nothing found. Try the name without accents, or part of it.',
  loading: 'Loading the list of administrative units…',
  loadFailed: 'Could not load the list of administrative units — check your connection and reload the page.',
  listNote: 'From the list of administrative units in force since 1 July 2025 (no districts).',
  legacy: (text: string) => `Address entered earlier: “${text}”. Please choose the province or city and the commune or ward from the new list.`,
};
