import { Alert, Anchor, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { hasPrefillField } from '../../../../../common/forms/prefill';
import type { JsonSchema } from '../../../../../common/forms/schema-walk';
import { errorTitle } from '../../../api/problem';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { useI18n } from '../../../i18n/context';
import type { Me } from '../../account/types';
import { procedureDetailQuery } from '../../procedures/queries';
import { applicantOptions, chosenOption } from '../applicant-options';
import type { Answers, Dossier, OnBehalfOf } from '../types';

/**
 * "Nộp cho ai", at the top of the form's page: whom the draft is filed for, when the procedure's
 * applicant types and the user's organisations or authorisations make it a choice. Choosing
 * another applicant fills the organisation's fields again for it (or empties them for an
 * organisation the form names by its tax code).
 */
export function ApplicantChoice({ me, dossier, onChange }: { me: Me; dossier: Dossier; onChange: (onBehalfOf: OnBehalfOf | null, clear: (answers: Answers) => Answers) => Promise<unknown> }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const procedure = useQuery(procedureDetailQuery(dossier.procedure.code));
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!procedure.data) return null;
  const schema = dossier.form.schema as JsonSchema;
  const namesOrganisation = hasPrefillField(schema, 'organisation.taxCode');
  const { options: all, unverified, businessesOnly } = applicantOptions(me, procedure.data.applicantTypes, d);
  const options = all.filter((o) => o.value !== 'form' || namesOrganisation);
  const current = chosenOption(dossier.onBehalfOf);
  if (options.length < 2 && unverified.length === 0) return null;

  const choose = (value: string) => {
    const option = options.find((o) => o.value === value);
    if (!option || value === current) return;
    setPending(value);
    setError(null);
    // The registry lookups' module comes with the e-form, which the page has fetched by now: not a file of the page's own.
    import('../form/registry-lookup')
      .then(({ registryLookups, setAt, getAt }) => {
        // The registry's details of the previous organisation go with it.
        const clear = (answers: Answers): Answers => {
          let out = answers;
          for (const l of registryLookups(dossier.form.uiSchema as JsonSchema)) {
            const node = { ...((getAt(out, l.path) ?? {}) as Record<string, unknown>) };
            for (const field of [l.taxCode, ...Object.keys(l.fill)]) delete node[field];
            out = setAt(out, l.path, node);
          }
          return out;
        };
        return onChange(option.onBehalfOf ?? null, clear);
      })
      .catch((e: unknown) => setError(errorTitle(e)))
      .finally(() => setPending(null));
  };

  return (
    <Paper withBorder p="md" radius="md">
      <ChoiceGroup
        legend={d.forLegend}
        description={d.forHint}
        value={pending ?? current}
        onChange={choose}
        options={options.map((o) => ({ value: o.value, disabled: pending !== null, label: <span lang="vi">{o.label}</span>, description: o.description }))}
      />
      {pending ? <Text size="sm" mt="sm" role="status">{d.forChanging}</Text> : null}
      {error ? (
        <Alert color="red" variant="light" role="alert" mt="md">
          <Text lang="vi" size="sm">{error}</Text>
        </Alert>
      ) : null}
      {businessesOnly && current === 'form' ? (
        <Text size="sm" mt="sm">{d.forBusinessesOnly}</Text>
      ) : null}
      {unverified.length > 0 ? (
        <Alert color="yellow" variant="light" mt="md">
          <Stack gap={4}>
            <Text size="sm" fw={600}>{d.unverifiedHelp}</Text>
            {unverified.map((o) => (
              <Text key={o.id} size="sm" lang="vi">{d.unverifiedOrganisation(o.name, o.verificationLabel)}</Text>
            ))}
            <Anchor component={Link} to="/tai-khoan/to-chuc" size="sm">
              {d.manageOrganisations}
            </Anchor>
          </Stack>
        </Alert>
      ) : null}
    </Paper>
  );
}
