import { assertNever } from './assert-never.js';
import { ApiFailure, downloadCsv, getJson, type Params, query } from './api.js';
import { type Filters, stagePipelineId, toSearch, type View } from './filters.js';
import type { ChartClick } from './charts.js';
import { clear, h } from './dom.js';
import type { Column } from './table.js';

export type PanelContext = {
  filters: Filters;
  range: { from: string; to: string };
  /** the forecast looks ahead: see forecastRange */
  forecastRange: { from: string; to: string };
  /** ISO instant of the asOf filter, or null for now */
  asOf: string | null;
  quotaPeriod: string;
  /** stage id → name, for the pipeline the stage-order panels show (stagePipelineId) */
  stageNames: Map<string, string>;
  /** pipeline id → name, to say which pipeline a panel shows */
  pipelineNames: Map<string, string>;
  /** the deployment currency (SALES_CURRENCY), shown wherever there are amounts */
  currency: string;
  go: (view: View) => void;
};

/** What a link to another view needs: the filters it keeps, and how to go there in place. */
export type Links = Pick<PanelContext, 'filters' | 'go'>;

export type Panel<Report> = {
  id: string;
  title: string;
  /** what the panel counts, one sentence */
  description: string;
  report: string;
  /**
   * `stages`: the report follows one pipeline's stage order (the one chosen, else `default`);
   * `every`: every pipeline unless one is chosen; `none`: the report has no pipeline (leads).
   */
  scope: 'stages' | 'every' | 'none';
  /** with scope `none`: what the figures cover instead of a pipeline */
  unscoped?: string;
  params: (ctx: PanelContext) => Params;
  render: (body: HTMLElement, report: Report, ctx: PanelContext) => void;
};

export const stageName = (ctx: PanelContext, stageId: string) => ctx.stageNames.get(stageId) ?? stageId;

/** The pipeline parameter of a report of that scope: none means every pipeline to the API. */
export function pipelineParam(ctx: PanelContext, scope: Panel<unknown>['scope']): string | null {
  switch (scope) {
    case 'stages':
      return stagePipelineId(ctx.filters);
    case 'every':
      return ctx.filters.pipelineId || null;
    case 'none':
      return null;
    default:
      return assertNever(scope);
  }
}

/** Which pipeline a panel's figures cover, in words. */
export function pipelineScope(
  ctx: PanelContext,
  scope: Panel<unknown>['scope'],
  unscoped = 'Leads, before any pipeline',
): string {
  const id = pipelineParam(ctx, scope);
  if (scope === 'none') return unscoped;
  if (!id) return 'Every pipeline';
  return `Pipeline ${ctx.pipelineNames.get(id) ?? id} (${id})`;
}

/** The shared filters as a report of one moment (now, or as of) takes them: no period. */
export const momentParams = (ctx: PanelContext, scope: Panel<unknown>['scope']): Params => ({
  pipelineId: pipelineParam(ctx, scope),
  ownerId: ctx.filters.ownerId,
  source: ctx.filters.source,
  asOf: ctx.asOf,
});

/** The shared filters as a report over the period takes them (which reports accept which, per the API). */
export const windowParams = (ctx: PanelContext, scope: Panel<unknown>['scope']): Params => ({
  from: ctx.range.from,
  to: ctx.range.to,
  ...momentParams(ctx, scope),
});

/** Renders a panel's frame at once, then its figures when the report answers. */
export function mountPanel<Report>(
  grid: HTMLElement,
  panel: Panel<Report>,
  ctx: PanelContext,
): Promise<void> {
  const headingId = `panel-${panel.id}-title`;
  const body = h('div', { class: 'panel-body' }, h('p', { class: 'loading' }, 'Loading…'));
  const params = panel.params(ctx);
  const csv = h(
    'button',
    {
      type: 'button',
      class: 'csv',
      'aria-label': `Download ${panel.title} as CSV`,
      onclick: () => {
        void downloadCsv(
          `reports/${panel.report}`,
          params,
          `${panel.report}-${ctx.range.from}-${ctx.range.to}.csv`,
        );
      },
    },
    'CSV',
  );
  const section = h(
    'section',
    {
      class: 'panel',
      id: `panel-${panel.id}`,
      'data-panel': panel.id,
      'aria-labelledby': headingId,
      'aria-busy': 'true',
    },
    h('header', {}, h('h2', { id: headingId }, panel.title), csv),
    h('p', { class: 'panel-description' }, panel.description),
    h(
      'p',
      { class: 'panel-scope', 'data-scope': panel.scope },
      pipelineScope(ctx, panel.scope, panel.unscoped),
    ),
    body,
  );
  // The exact request behind the figures, for whoever wants to fetch them too.
  section.dataset.request = `reports/${panel.report}${query(params)}`;
  grid.append(section);
  return getJson<Report & { position: number }>(`reports/${panel.report}`, params)
    .then((report) => {
      clear(body);
      section.dataset.position = String(report.position);
      panel.render(body, report, ctx);
    })
    .catch((error: unknown) => {
      clear(body);
      const message =
        error instanceof ApiFailure ? `${error.code}: ${error.message}` : 'The report could not be loaded.';
      body.append(h('p', { class: 'error', role: 'alert' }, message));
    })
    .finally(() => {
      section.setAttribute('aria-busy', 'false');
      section.dataset.state = 'ready';
    });
}

/** A link into another view of the dashboard: a real href (open in a new tab, copy), routed in place. */
export function viewLink(ctx: Links, view: View, text: string, label?: string): HTMLAnchorElement {
  return h(
    'a',
    {
      href: toSearch(ctx.filters, view),
      'aria-label': label ?? null,
      onclick: (event: Event) => {
        const mouse = event as MouseEvent;
        if (mouse.ctrlKey || mouse.metaKey || mouse.shiftKey || mouse.button !== 0) return;
        event.preventDefault();
        ctx.go(view);
      },
    },
    text,
  );
}

export const stageDeals = (ctx: PanelContext, stageId: string): View => ({
  name: 'deals',
  stageId,
  ownerId: ctx.filters.ownerId,
  status: 'open',
});
export const ownerDeals = (ownerId: string): View => ({ name: 'deals', stageId: '', ownerId, status: '' });

/** The first column of a table by stage: the stage's name, a link to its open deals. */
export function stageColumn<Row extends { stageId: string }>(ctx: PanelContext): Column<Row> {
  return {
    field: 'stageId',
    label: 'Stage',
    value: (row) => row.stageId,
    show: (row) =>
      viewLink(
        ctx,
        stageDeals(ctx, row.stageId),
        stageName(ctx, row.stageId),
        `Open deals in ${stageName(ctx, row.stageId)}`,
      ),
  };
}

/** A click on a chart's stage (by its shown name) opens that stage's deals. */
export const openStageOnClick =
  (ctx: PanelContext, stageIds: string[]) =>
  (event: ChartClick): void => {
    const stageId = stageIds.find((id) => stageName(ctx, id) === event.name);
    if (stageId) ctx.go(stageDeals(ctx, stageId));
  };

/** An owner's id as a link to the deals they own. */
export const ownerLink = (ctx: Links, ownerId: string): HTMLAnchorElement =>
  viewLink(ctx, ownerDeals(ownerId), ownerId, `Deals of ${ownerId}`);

/** The first column of a table by owner (`key`): the owner, a link to their deals. */
export function ownerColumn<Row extends { key: string }>(ctx: PanelContext, label = 'Owner'): Column<Row> {
  return { field: 'key', label, value: (row) => row.key, show: (row) => ownerLink(ctx, row.key) };
}
