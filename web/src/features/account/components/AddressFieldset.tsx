import '@mantine/core/styles/Fieldset.css';
import { Fieldset, Stack, TextInput } from '@mantine/core';
import { useEffect, useState, type ComponentProps } from 'react';
import { useI18n } from '../../../i18n/context';
import { AddressSelects } from '../../places/AddressSelects';
import type { ProfileUnits } from '../profile-form';

/**
 * An address of the account's forms (the person's address, an organisation's head office): the
 * province and commune from the units in force, then the street line.
 */
export function AddressFieldset({ legend, idBase, units, onUnitsChange, communeError, attempt, legacyText, detail, className }: {
  legend: string;
  /** Ids of the selects: `${idBase}_provinceCode`, `${idBase}_communeCode` (error summary links). */
  idBase: string;
  units: ProfileUnits;
  onUnitsChange: (units: ProfileUnits) => void;
  communeError?: string;
  /** The form's failed-attempt counter: each failed attempt shows the units' error again. */
  attempt?: number;
  legacyText?: string;
  /** The street line's input props (the form state's binding). */
  detail: ComponentProps<typeof TextInput>;
  className?: string;
}) {
  const { t } = useI18n();
  // An error on the units is shown until the applicant changes them (not until the next submit).
  const [changedSinceError, setChangedSinceError] = useState(false);
  useEffect(() => setChangedSinceError(false), [communeError, attempt]);
  return (
    <Fieldset legend={legend} variant="unstyled" className={className}>
      <Stack gap="sm">
        <AddressSelects
          idBase={idBase}
          provinceLabel={t.account.province}
          communeLabel={t.account.commune}
          value={units}
          onChange={(next) => {
            setChangedSinceError(true);
            onUnitsChange(next);
          }}
          communeError={changedSinceError ? undefined : communeError}
          legacyText={legacyText}
        />
        <TextInput label={t.account.addressDetail} autoComplete="street-address" maxLength={300} {...detail} />
      </Stack>
    </Fieldset>
  );
}
