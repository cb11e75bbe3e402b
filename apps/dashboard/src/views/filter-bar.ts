import { h } from '../dom.js';
import { type Filters, PERIOD_PRESETS, type PeriodPreset, periodRange, quotaPeriods } from '../filters.js';

export type FilterOptions = {
  pipelines: { pipelineId: string; name: string }[];
  owners: string[];
  sources: string[];
};

const field = (id: string, label: string, control: HTMLElement) =>
  h('div', { class: 'field' }, h('label', { for: id }, label), control);

/** The filters shared by every panel; `apply` gets the new filters on every change. */
export function filterBar(
  filters: Filters,
  options: FilterOptions,
  apply: (next: Filters) => void,
): HTMLElement {
  const range = periodRange(filters);
  const pipeline = h('select', { id: 'f-pipeline', name: 'pipelineId' }, [
    h('option', { value: '', selected: !filters.pipelineId }, 'Every pipeline'),
    ...options.pipelines.map((p) =>
      h(
        'option',
        { value: p.pipelineId, selected: p.pipelineId === filters.pipelineId },
        `${p.name} (${p.pipelineId})`,
      ),
    ),
  ]);
  const period = h(
    'select',
    { id: 'f-period', name: 'period' },
    Object.entries(PERIOD_PRESETS).map(([value, label]) =>
      h('option', { value, selected: value === filters.period }, label),
    ),
  );
  const from = h('input', { id: 'f-from', name: 'from', type: 'date', value: range.from, required: true });
  const to = h('input', { id: 'f-to', name: 'to', type: 'date', value: range.to, required: true });
  const custom = filters.period === 'custom';
  from.disabled = !custom;
  to.disabled = !custom;
  const owner = h('input', {
    id: 'f-owner',
    name: 'ownerId',
    list: 'owners-list',
    value: filters.ownerId,
    placeholder: 'every owner',
    autocomplete: 'off',
    pattern: '[A-Za-z0-9_.:\\-]{1,64}',
  });
  const source = h('input', {
    id: 'f-source',
    name: 'source',
    list: 'sources-list',
    value: filters.source,
    placeholder: 'every source',
    autocomplete: 'off',
    pattern: '[A-Za-z0-9_.:\\-]{1,64}',
  });
  const asOf = h('input', { id: 'f-asof', name: 'asOf', type: 'date', value: filters.asOf });
  const quotaChoices = quotaPeriods(range);
  const quota = h(
    'select',
    { id: 'f-quota', name: 'quotaPeriod' },
    [...new Set([...(filters.quotaPeriod ? [filters.quotaPeriod] : []), ...quotaChoices])].map((p) =>
      h('option', { value: p, selected: p === (filters.quotaPeriod || quotaChoices[0]) }, p),
    ),
  );
  const read = (): Filters => ({
    pipelineId: pipeline.value,
    period: period.value as PeriodPreset,
    from: from.value,
    to: to.value,
    ownerId: owner.value.trim(),
    source: source.value.trim(),
    asOf: asOf.value,
    quotaPeriod: quota.value === quotaChoices[0] && !filters.quotaPeriod ? '' : quota.value,
  });
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filters for every panel' },
    field('f-pipeline', 'Pipeline', pipeline),
    field('f-period', 'Period', period),
    field('f-from', 'From', from),
    field('f-to', 'To (exclusive)', to),
    field('f-owner', 'Owner', owner),
    field('f-source', 'Source', source),
    field('f-asof', 'As of', asOf),
    field('f-quota', 'Quota period', quota),
    h(
      'div',
      { class: 'field actions' },
      h('button', { type: 'submit' }, 'Apply'),
      h('button', { type: 'reset' }, 'Reset'),
    ),
    h(
      'datalist',
      { id: 'owners-list' },
      options.owners.map((o) => h('option', { value: o })),
    ),
    h(
      'datalist',
      { id: 'sources-list' },
      options.sources.map((s) => h('option', { value: s })),
    ),
  );
  const submit = () => {
    if (form.reportValidity()) apply(read());
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    apply({
      pipelineId: '',
      period: 'last-90-days',
      from: '',
      to: '',
      ownerId: '',
      source: '',
      asOf: '',
      quotaPeriod: '',
    });
  });
  // Lists and dates apply at once; typed fields on Enter or Apply.
  for (const control of [pipeline, period, asOf, quota, from, to])
    control.addEventListener('change', () => {
      if (control === period) {
        const custom = period.value === 'custom';
        from.disabled = !custom;
        to.disabled = !custom;
      }
      submit();
    });
  return form;
}
