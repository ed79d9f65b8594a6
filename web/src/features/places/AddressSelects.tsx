/**
 * Province and commune chosen from the administrative units in force since 1 July 2025: two
 * searchable selects (diacritic-insensitive), the commune list following the province chosen.
 * The commune may also be found first, in the whole country ("Phường Ba Đình, Thành phố Hà
 * Nội"): choosing it fills the province. Names show in English in the English interface.
 * The value keeps codes plus names; an address typed before the list is shown with a prompt to
 * choose again. Used by the e-form's address field and the profile's address.
 */
import { Alert, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { keepPreviousData } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n/context';
import { stripDiacritics } from '../../../../common/text';
import { unitFilter } from './filter';
import { nationwideCommunesQuery, unitsQuery } from './queries';

export interface UnitAddressValue {
  provinceCode?: string;
  provinceName?: string;
  communeCode?: string;
  communeName?: string;
}

export interface AddressSelectsProps {
  /** Ids of the two selects: `${idBase}_provinceCode`, `${idBase}_communeCode`. */
  idBase: string;
  provinceLabel: string;
  communeLabel: string;
  value: UnitAddressValue;
  /** Called with the new units (names from the list); choosing another province clears the commune. */
  onChange: (value: UnitAddressValue) => void;
  provinceError?: string;
  communeError?: string;
  required?: boolean;
  disabled?: boolean;
  readOnly?: boolean;
  /** Free text typed before the list existed, shown with a prompt to choose again. */
  legacyText?: string;
  onBlur?: () => void;
}

export function AddressSelects({ idBase, provinceLabel, communeLabel, value, onChange, provinceError, communeError, required, disabled, readOnly, legacyText, onBlur }: AddressSelectsProps) {
  const { t, lang } = useI18n();
  const nameOf = (u: { name: string; nameEn: string }) => (lang === 'en' ? u.nameEn : u.name);
  const [communeSearch, setCommuneSearch] = useState('');
  const typed = communeSearch.trim();
  const provinces = useQuery(unitsQuery());
  const communes = useQuery({ ...unitsQuery(value.provinceCode), enabled: !!value.provinceCode });
  // No province yet: the commune typed is looked up in the whole country.
  const nationwide = useQuery({ ...nationwideCommunesQuery(typed), enabled: !value.provinceCode && typed.length >= 2, placeholderData: keepPreviousData });
  const provinceData = useMemo(() => (provinces.data?.items ?? []).map((u) => ({ value: u.code, label: nameOf(u) })), [provinces.data, lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const communeData = useMemo(
    () => value.provinceCode
      ? (communes.data?.items ?? []).map((u) => ({ value: u.code, label: nameOf(u) }))
      : typed.length >= 2 ? (nationwide.data?.items ?? []).map((u) => ({ value: u.code, label: `${nameOf(u)}, ${lang === 'en' && u.parentCode ? nationwideProvinceEn(u) : u.parentName ?? ''}` })) : [],
    [communes.data, nationwide.data, value.provinceCode, typed, lang], // eslint-disable-line react-hooks/exhaustive-deps
  );
  // Until the list arrives, the chosen unit still shows by its stored name.
  const withChosen = (data: Array<{ value: string; label: string }>, code?: string, name?: string) =>
    code && name && !data.some((d) => d.value === code) ? [{ value: code, label: name }, ...data] : data;
  const failed = provinces.isError || communes.isError || nationwide.isError;

  return (
    <Stack gap="sm">
      {legacyText ? (
        <Alert color="yellow" variant="light" p="sm">
          <Text size="sm">{t.places.legacy(legacyText)}</Text>
        </Alert>
      ) : null}
      <Select
        id={`${idBase}_provinceCode`}
        label={provinceLabel}
        placeholder={t.places.provincePlaceholder}
        data={withChosen(provinceData, value.provinceCode, value.provinceName)}
        value={value.provinceCode ?? null}
        onChange={(code) => {
          const unit = provinces.data?.items.find((u) => u.code === code);
          onChange(code && unit ? { provinceCode: unit.code, provinceName: unit.name } : {});
        }}
        onBlur={onBlur}
        searchable
        clearable
        filter={unitFilter}
        nothingFoundMessage={provinces.isLoading ? t.places.loading : t.places.nothingFound}
        required={required}
        disabled={disabled}
        readOnly={readOnly}
        error={provinceError}
        comboboxProps={{ withinPortal: true }}
        maxDropdownHeight={280}
        autoComplete="off"
      />
      <Select
        id={`${idBase}_communeCode`}
        label={communeLabel}
        placeholder={value.provinceCode ? t.places.communePlaceholder : t.places.communeAnywhere}
        data={withChosen(communeData, value.communeCode, value.communeName)}
        value={value.communeCode ?? null}
        onChange={(code) => {
          if (!value.provinceCode) {
            // Found in the whole country: its province comes with it.
            const found = nationwide.data?.items.find((u) => u.code === code);
            if (found?.parentCode && found.parentName) onChange({ provinceCode: found.parentCode, provinceName: found.parentName, communeCode: found.code, communeName: found.name });
            return;
          }
          const unit = communes.data?.items.find((u) => u.code === code);
          const province = { provinceCode: value.provinceCode, provinceName: value.provinceName };
          onChange(code && unit ? { ...province, communeCode: unit.code, communeName: unit.name } : province);
        }}
        searchValue={communeSearch}
        onSearchChange={setCommuneSearch}
        onBlur={onBlur}
        searchable
        clearable
        filter={unitFilter}
        nothingFoundMessage={!value.provinceCode && typed.length < 2 ? t.places.communeTypeMore : communes.isLoading || nationwide.isFetching ? t.places.loading : t.places.nothingFound}
        required={required}
        disabled={disabled}
        readOnly={readOnly}
        error={communeError}
        description={t.places.listNote}
        comboboxProps={{ withinPortal: true }}
        maxDropdownHeight={280}
        autoComplete="off"
      />
      {failed ? (
        <Text size="sm" c="red.8" role="alert">
          {t.places.loadFailed}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The English name of a nationwide result's province, from the Vietnamese one ("Thành phố Hà Nội" → "Ha Noi City"). */
function nationwideProvinceEn(u: { parentName?: string }): string {
  const name = u.parentName ?? '';
  const kinds: Array<[string, string]> = [['Thành phố ', 'City'], ['Tỉnh ', 'Province']];
  for (const [vi, en] of kinds) if (name.startsWith(vi)) return `${stripDiacritics(name.slice(vi.length))} ${en}`;
  return stripDiacritics(name);
}
