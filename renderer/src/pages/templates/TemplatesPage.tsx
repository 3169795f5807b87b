import { Alert, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useCalibration, useCatalog, useCoverage, useTemplateList } from '../../api/queries.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { CalibrationView } from './CalibrationView.tsx';
import { ControlCatalogView, CoverageView, MatrixView, ThreatCatalogView } from './CatalogViews.tsx';
import { QuestionnaireBrowser } from './QuestionnaireBrowser.tsx';

/** Read-only view of everything Vigil asks and scores, with its framework references. */
export function TemplatesPage() {
  const catalog = useCatalog();
  const coverage = useCoverage();
  const list = useTemplateList();
  const calibration = useCalibration();
  const registry = useMemo(() => new Map((catalog.data?.references.items ?? []).map((r) => [r.id, r])), [catalog.data]);

  if (catalog.isPending) return <Loader aria-label="Loading templates" />;
  if (catalog.isError) return <ErrorNotice error={catalog.error} title="The templates could not be loaded" />;
  const counts = list.data?.counts;

  return (
    <Stack>
      <div>
        <Title order={1}>Templates</Title>
        <Text c="dimmed">
          The questionnaires, threats, safeguards and risk matrix Vigil assesses with.
          {counts
            ? ` ${counts.threats} threats, ${counts.controls} controls, ${counts.questions} questions in ${counts.questionnaires} questionnaires.`
            : ''}
        </Text>
      </div>
      <Alert variant="light" color="blue">
        Read-only: content is versioned in the app&apos;s templates folder, and each assessment keeps the version it started with.
      </Alert>
      <Tabs defaultValue="questionnaires" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="questionnaires">Questionnaires</Tabs.Tab>
          <Tabs.Tab value="threats">Threats ({catalog.data.threats.threats.length})</Tabs.Tab>
          <Tabs.Tab value="controls">Controls ({catalog.data.controls.controls.length})</Tabs.Tab>
          <Tabs.Tab value="matrix">Risk matrix</Tabs.Tab>
          <Tabs.Tab value="coverage">Coverage</Tabs.Tab>
          <Tabs.Tab value="calibration">
            Calibration{calibration.data && !calibration.data.ok ? ' (mismatch)' : ''}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="questionnaires" pt="md">
          <QuestionnaireBrowser registry={registry} />
        </Tabs.Panel>
        <Tabs.Panel value="threats" pt="md">
          <ThreatCatalogView catalog={catalog.data} registry={registry} />
        </Tabs.Panel>
        <Tabs.Panel value="controls" pt="md">
          <ControlCatalogView catalog={catalog.data} registry={registry} />
        </Tabs.Panel>
        <Tabs.Panel value="matrix" pt="md">
          <MatrixView catalog={catalog.data} />
        </Tabs.Panel>
        <Tabs.Panel value="coverage" pt="md">
          {coverage.isPending ? <Loader /> : coverage.isError ? <ErrorNotice error={coverage.error} /> : <CoverageView coverage={coverage.data} />}
        </Tabs.Panel>
        <Tabs.Panel value="calibration" pt="md">
          {calibration.isPending ? (
            <Loader aria-label="Scoring the reference profiles" />
          ) : calibration.isError ? (
            <ErrorNotice error={calibration.error} />
          ) : (
            <CalibrationView report={calibration.data} matrix={catalog.data.matrix} />
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
