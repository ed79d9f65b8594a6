import type { openDataVi } from './open-data.vi';

/** English texts of the open-data page (/du-lieu-mo). */
export const openDataEn: typeof openDataVi = {
  title: 'Open data',
  lead: 'Published under the Creative Commons Attribution 4.0 International licence (CC BY 4.0): copy, adapt and use for any purpose, commercial included, with attribution. No personal data.',
  licence: 'Licence',
  catalogLink: 'Data catalogue (DCAT-AP, JSON-LD)',
  download: (format) => `Download ${format}`,
  schema: 'JSON Schema',
  coming: 'Coming soon',
  loadFailed: 'The open-data catalogue could not be loaded.',
};
