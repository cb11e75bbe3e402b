import { type Links, ownerLink, viewLink } from './panel.js';
import { type Column, dataTable, type TableOptions } from './table.js';

type DealRow = { dealId: string; ownerId: string; title?: string };

/**
 * A table of deals: first the deal (its title, else its id), a link to its stage timeline, then its
 * owner, a link to the deals they own, then the columns given.
 */
export function dealTable<Row extends DealRow>(
  links: Links,
  caption: string,
  columns: Column<Row>[],
  rows: Row[],
  options: TableOptions = {},
): HTMLElement {
  const deal: Column<Row> = {
    field: 'dealId',
    label: 'Deal',
    value: (row) => row.dealId,
    show: (row) => {
      const text = row.title ?? row.dealId;
      return viewLink(links, { name: 'deal', dealId: row.dealId }, text, `Deal ${text}`);
    },
  };
  const owner: Column<Row> = {
    field: 'ownerId',
    label: 'Owner',
    value: (row) => row.ownerId,
    show: (row) => ownerLink(links, row.ownerId),
  };
  return dataTable(caption, [deal, owner, ...columns], rows, options);
}
