import { z } from 'zod';

export const unitsQuerySchema = z.object({
  parent: z.string().regex(/^\d{2}$/, 'Mã tỉnh, thành phố gồm 2 chữ số').optional()
    .describe('Code of a province or city (2 digits): list the communes, wards and special zones under it. Absent: list the provinces.'),
  q: z.string().trim().max(100).optional().describe('Words of the name, with or without diacritics ("ba dinh", "Hà Nội").'),
  level: z.enum(['PROVINCE', 'COMMUNE']).optional()
    .describe('COMMUNE without `parent`: the communes, wards and special zones of the whole country matching `q` (each with its province), for choosing the commune first. Empty without `q`.'),
  limit: z.coerce.number().int().min(1).max(500).default(500),
});

export const unitSchema = z.object({
  code: z.string().describe('Official code: 2 digits for a province, 5 for a commune, ward or special zone'),
  name: z.string().describe('Official name with its kind: "Thành phố Hà Nội", "Phường Ba Đình", "Đặc khu Phú Quốc"'),
  nameEn: z.string().describe('The name for the English interface: without diacritics, the kind in English ("Ba Dinh Ward", "Ha Noi City")'),
  level: z.enum(['PROVINCE', 'COMMUNE']),
  parentCode: z.string().optional().describe('The province of a commune-level unit'),
  parentName: z.string().optional().describe('The name of that province'),
});

export const unitsResponseSchema = z.object({
  effectiveFrom: z.string().describe('The date since which this list is in force'),
  items: z.array(unitSchema),
});
