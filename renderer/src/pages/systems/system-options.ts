import {
  autonomyLabels,
  clinicalDomainLabels,
  dataCategoryLabels,
  deploymentLabels,
  harmLevelLabels,
  integrationLabels,
  modelTypeLabels,
  regulatoryLabels,
} from '../../../../electron/contract/index.ts';

const toData = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Select/checkbox data built from the contract's labels, so UI and CLI word things alike. */
export const systemOptions = {
  autonomy: toData(autonomyLabels),
  clinicalDomain: toData(clinicalDomainLabels),
  dataCategories: toData(dataCategoryLabels),
  deployment: toData(deploymentLabels),
  worstHarm: toData(harmLevelLabels),
  integration: toData(integrationLabels),
  modelType: toData(modelTypeLabels),
  regulatory: toData(regulatoryLabels),
};
