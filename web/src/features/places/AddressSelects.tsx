/**
 * Province and commune chosen from the administrative units in force since 1 July 2025: two
 * searchable selects (diacritic-insensitive), the commune list following the province chosen.
 * The value keeps codes plus names; an address typed before the list is shown with a prompt to
 * choose again. Used by the e-form's address field and the profile's address.
 */
import { Alert, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/context';
import { unitFilter } from './filter';
import { unitsQuery } from './queries';

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
  const { t } = useI18n();
  const provinces = useQuery(unitsQuery());
  const communes = useQuery({ ...unitsQuery(value.provinceCode), enabled: !!value.provinceCode });
  const provinceData = useMemo(() => (provinces.data?.items ?? []).map((u) => ({ value: u.code, label: u.name })), [provinces.data]);
  const communeData = useMemo(() => (value.provinceCode ? communes.data?.items ?? [] : []).map((u) => ({ value: u.code, label: u.name })), [communes.data, value.provinceCode]);
  // Until the list arrives, the chosen unit still shows by its stored name.
  const withChosen = (data: Array<{ value: string; label: string }>, code?: string, name?: string) =>
    code && name && !data.some((d) => d.value === code) ? [{ value: code, label: name }, ...data] : data;
  const failed = provinces.isError || communes.isError;

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
        placeholder={value.provinceCode ? t.places.communePlaceholder : t.places.communeFirst}
        data={withChosen(communeData, value.communeCode, value.communeName)}
        value={value.communeCode ?? null}
        onChange={(code) => {
          const unit = communes.data?.items.find((u) => u.code === code);
          const province = { provinceCode: value.provinceCode, provinceName: value.provinceName };
          onChange(code && unit ? { ...province, communeCode: unit.code, communeName: unit.name } : province);
        }}
        onBlur={onBlur}
        searchable
        clearable
        filter={unitFilter}
        nothingFoundMessage={communes.isLoading ? t.places.loading : t.places.nothingFound}
        required={required}
        disabled={disabled || !value.provinceCode}
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
