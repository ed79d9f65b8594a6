import { Text } from '@mantine/core';
import { PageSection } from '../../../components/PageSection';
import { useI18n } from '../../../i18n/context';
import { agenciesByRole, localName } from '../procedure-view';
import { sectionTitle } from '../sections';
import type { ProcedureAgency } from '../types';
import classes from './AgenciesSection.module.css';

export function AgenciesSection({ agencies }: { agencies: ProcedureAgency[] }) {
  const { t, lang } = useI18n();
  return (
    <PageSection id="co-quan" title={sectionTitle(t, 'co-quan')}>
      <dl className={classes.list}>
        {agenciesByRole(agencies).map((group) => (
          <div key={group.role} className={classes.row}>
            <dt className={classes.role}>{t.agencyRoles[group.role] ?? group.role}</dt>
            {group.agencies.map((a) => (
              <dd key={a.code} className={classes.agency}>
                <Text>{localName(a, lang)}</Text>
                {a.address ? (
                  <Text size="sm" c="dimmed">
                    {a.address}
                  </Text>
                ) : null}
              </dd>
            ))}
          </div>
        ))}
      </dl>
    </PageSection>
  );
}
