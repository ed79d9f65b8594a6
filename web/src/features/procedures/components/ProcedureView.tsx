import { Alert, Grid, Stack } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { useSelectedCase } from '../hooks/useSelectedCase';
import type { ProcedureDetail } from '../types';
import { AgenciesSection } from './AgenciesSection';
import { CaseChooser } from './CaseChooser';
import { DocumentsSection } from './DocumentsSection';
import { FeesSection } from './FeesSection';
import { LegalSection } from './LegalSection';
import { ApplyNow, OnlineSection } from './OnlineSection';
import { OutcomeSection } from './OutcomeSection';
import { ProcedureAside } from './ProcedureAside';
import { ProcedureHeader } from './ProcedureHeader';
import { ProvenanceNote } from './ProvenanceNote';
import { StepsSection } from './StepsSection';
import { TimeLimitsSection } from './TimeLimitsSection';
import { WhoSection } from './WhoSection';

/** Everything a citizen needs to know before applying, for the case they choose. */
export function ProcedureView({ procedure }: { procedure: ProcedureDetail }) {
  const { t } = useI18n();
  const { selected, select } = useSelectedCase(procedure);
  return (
    <Stack gap="lg">
      <ProcedureHeader procedure={procedure} action={selected ? <ApplyNow procedureCode={procedure.code} procedureCase={selected} /> : null} />
      <ProvenanceNote provenance={procedure.provenance} />
      {t.procedure.contentLanguage ? <Alert color="gray" variant="light">{t.procedure.contentLanguage}</Alert> : null}
      <Grid gap="lg">
        {/* On a phone the case and the "Nộp hồ sơ trực tuyến" action come first; the summary follows. */}
        <Grid.Col span={{ base: 12, md: 4 }} order={2}>
          <ProcedureAside procedure={procedure} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }} order={1}>
          <Stack gap="md">
            <CaseChooser cases={procedure.cases} value={selected?.code ?? ''} onChange={select} />
            {selected ? <OnlineSection procedureCode={procedure.code} procedureCase={selected} /> : null}
            <WhoSection procedure={procedure} />
            {selected ? <DocumentsSection procedureCase={selected} /> : null}
            {selected ? <StepsSection procedureCase={selected} submissionPlaces={procedure.version.submissionPlaces} /> : null}
            {selected ? <TimeLimitsSection procedureCase={selected} /> : null}
            {selected ? <FeesSection procedureCase={selected} /> : null}
            <OutcomeSection results={procedure.version.results} />
            <AgenciesSection agencies={procedure.agencies} />
            <LegalSection version={procedure.version} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
