import { ApiFailure, getJson, session } from './api.js';
import { disposeCharts } from './charts.js';
import { clear, h, setCurrency } from './dom.js';
import { type Filters, readFilters, readView, stagePipelineId, toSearch, type View } from './filters.js';
import { dealView } from './views/deal.view.js';
import { dealsView } from './views/deals.view.js';
import type { FilterOptions } from './views/filter-bar.js';
import { overviewView } from './views/overview.view.js';
import { signInView } from './views/sign-in.view.js';

type Pipeline = { pipelineId: string; name: string; stages: { id: string; name: string }[] };
type Who = { name: string; role: string; currency: string };

const main = document.getElementById('main') as HTMLElement;
const who = document.getElementById('who') as HTMLElement;
const findDeal = document.getElementById('find-deal') as HTMLFormElement;

let me: Who | null = null;
let pipelines: Pipeline[] = [];
let options: FilterOptions = { pipelines: [], owners: [], sources: [] };
let rendering = 0;

const canReadReports = () => me?.role === 'analyst' || me?.role === 'admin';

const stagesOf = (pipelineId: string) =>
  new Map((pipelines.find((p) => p.pipelineId === pipelineId)?.stages ?? []).map((s) => [s.id, s.name]));

const pipelineNames = () => new Map(pipelines.map((p) => [p.pipelineId, p.name]));

// A stage's name in its pipeline (a rep's deals span pipelines), else its id.
const stageNameOf = (pipelineId: string, stageId: string) => stagesOf(pipelineId).get(stageId) ?? stageId;

async function pipelineStages(pipelineId: string): Promise<Map<string, string>> {
  if (!pipelines.some((p) => p.pipelineId === pipelineId)) pipelines = await getJson<Pipeline[]>('pipelines');
  return stagesOf(pipelineId);
}

// Owners and sources to offer in the filters: those of the last two years, unfiltered.
async function filterOptions(): Promise<FilterOptions> {
  const list = pipelines.map((p) => ({ pipelineId: p.pipelineId, name: p.name }));
  if (!canReadReports()) return { pipelines: list, owners: [], sources: [] };
  const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const from = new Date(Date.now() - 730 * 86_400_000).toISOString().slice(0, 10);
  const [reps, leads] = await Promise.all([
    getJson<{ owners: { key: string }[] }>('reports/reps', { from, to }),
    getJson<{ bySource: { key: string }[] }>('reports/lead-conversion', { from, to }),
  ]);
  return {
    pipelines: list,
    owners: reps.owners.map((o) => o.key),
    sources: leads.bySource.map((s) => s.key),
  };
}

// A new view takes the focus to its content, so that keyboard and screen-reader users start there.
function navigate(filters: Filters, view: View): void {
  history.pushState(null, '', toSearch(filters, view));
  void render().then(() => {
    if (!main.contains(document.activeElement)) main.focus({ preventScroll: true });
  });
}

async function render(): Promise<void> {
  const ticket = ++rendering;
  document.body.dataset.state = 'loading';
  disposeCharts();
  clear(main);
  if (!me) return;
  const filters = readFilters(location.search);
  const view = readView(location.search);
  try {
    if (view.name === 'deal') {
      document.title = `Deal ${view.dealId} · Sales engine`;
      await dealView(main, filters, view.dealId, me.role, pipelineStages, navigate);
    } else if (!canReadReports()) {
      main.append(
        h('h2', {}, 'Reports need an analyst or admin key'),
        h('p', {}, `This key (${me.name}) has the role ${me.role}. Open a deal by its id above.`),
      );
    } else if (view.name === 'deals') {
      document.title = 'Deals · Sales engine';
      await dealsView(main, filters, view, stageNameOf, navigate);
    } else {
      document.title = 'Dashboard · Sales engine';
      await overviewView(
        main,
        filters,
        options,
        {
          stageNames: stagesOf(stagePipelineId(filters)),
          pipelineNames: pipelineNames(),
          currency: me.currency,
        },
        navigate,
      );
    }
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) return signOut('The key is no longer accepted.');
    main.append(
      h(
        'p',
        { class: 'error', role: 'alert' },
        error instanceof ApiFailure ? `${error.code}: ${error.message}` : String(error),
      ),
    );
  } finally {
    if (ticket === rendering) document.body.dataset.state = 'ready';
  }
}

function signOut(problem: string | null = null): void {
  session.signOut();
  me = null;
  who.replaceChildren();
  findDeal.hidden = true;
  disposeCharts();
  clear(main);
  document.body.dataset.state = 'signed-out';
  signInView(main, problem, (key) => void signIn(key));
}

async function signIn(key: string): Promise<void> {
  session.signIn(key);
  try {
    me = await getJson<Who>('session');
    setCurrency(me.currency);
    pipelines = await getJson<Pipeline[]>('pipelines');
    options = await filterOptions();
  } catch (error) {
    return signOut(
      error instanceof ApiFailure && error.status === 401
        ? 'That key is not valid.'
        : `Could not sign in: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  who.replaceChildren(
    h('span', {}, `Signed in as ${me.name} (${me.role})`),
    h('button', { type: 'button', onclick: () => signOut() }, 'Sign out'),
  );
  findDeal.hidden = false;
  await render();
}

findDeal.addEventListener('submit', (event) => {
  event.preventDefault();
  const dealId = (findDeal.elements.namedItem('dealId') as HTMLInputElement).value.trim();
  if (dealId && findDeal.reportValidity()) navigate(readFilters(location.search), { name: 'deal', dealId });
});
document.getElementById('home-link')?.addEventListener('click', (event) => {
  if (!me) return;
  event.preventDefault();
  navigate(readFilters(location.search), { name: 'overview' });
});
window.addEventListener('popstate', () => void render());

const key = session.key();
if (key) void signIn(key);
else signOut();
