'use client';

import type { ReactNode } from 'react';
import { PRICE_TABLE } from '@/lib/cost/price-table';
import type { CostLineItem, LambdaCostEstimateDto, PriceTableRef } from '@/lib/cost/lambda-cost';
import { Decimal } from '@/lib/cost/decimal';
import { formatRate } from '@/lib/cost/format';
import { formatCount, formatDollars, formatGbSeconds } from '@/lib/cost/number-format';
import { TableHead } from '@/components/ui/table-head';

/** A labelled figure in the summary. */
export function Metric({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-sm font-medium tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** Which prices produced the numbers, so a figure can be explained after the prices change. */
export function PriceTableNote({ priceTable }: { priceTable: PriceTableRef }) {
  const regionName = PRICE_TABLE.regions[priceTable.region]?.name;
  return (
    <p className="text-xs text-slate-500" data-testid="price-table">
      Prices: table <span className="font-mono text-slate-700">{priceTable.id}</span>, effective {priceTable.effectiveDate}, {priceTable.region}
      {regionName ? ` (${regionName})` : ''}. Amounts are exact until shown, then rounded to the cent.
    </p>
  );
}

/** The itemised arithmetic: each step in words, then the line items that add up to the total. */
export function CalculationDetails({
  lines,
  lineItems,
  totalCost,
  assumptions,
  heading,
}: {
  lines: readonly string[];
  lineItems: readonly CostLineItem<number>[];
  totalCost: number;
  assumptions?: readonly string[];
  heading?: string;
}) {
  return (
    <div className="space-y-4 text-sm">
      {heading && <p className="font-medium text-slate-800">{heading}</p>}
      <ol className="list-decimal space-y-1 pl-5 text-slate-700" aria-label="Calculation steps">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      <LineItemsTable items={lineItems} totalCost={totalCost} />
      {assumptions && assumptions.length > 0 && <Assumptions assumptions={assumptions} />}
    </div>
  );
}

function LineItemsTable({ items, totalCost }: { items: readonly CostLineItem<number>[]; totalCost: number }) {
  return (
    <table className="w-full text-left text-sm" aria-label="Line items">
      <TableHead columns={[{ label: 'Line item' }, { label: 'Quantity', numeric: true }, { label: 'Rate', numeric: true }, { label: 'Cost', numeric: true }]} />
      <tbody className="divide-y divide-slate-100 tabular-nums">
        {items.map((item) => (
          <tr key={item.label}>
            <td className="py-1 pr-3">{item.label}</td>
            <td className="whitespace-nowrap py-1 pr-3 text-right">
              {formatCount(item.quantity)} {item.unit}
            </td>
            <td className="py-1 pr-3 text-right font-mono text-xs">{formatRate(Decimal.of(item.rate))}</td>
            <td className="py-1 text-right">{formatDollars(item.cost)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot className="border-t border-slate-200 font-medium tabular-nums">
        <tr>
          <td className="py-1" colSpan={3}>
            Total (each amount rounded on its own, so the parts may differ from it by a cent)
          </td>
          <td className="py-1 text-right">{formatDollars(totalCost)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** Requests, compute and storage of one Lambda estimate, with what tiering saves. */
export function LambdaBreakdown({ estimate, tierSavings }: { estimate: LambdaCostEstimateDto; tierSavings: number }) {
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-4">
      <Metric label="Requests" value={formatDollars(estimate.requestCost)} testId="request-cost" />
      <Metric label="Compute" value={formatDollars(estimate.computeCost)} testId="compute-cost" />
      <Metric label="Ephemeral storage" value={formatDollars(estimate.storageCost)} />
      <Metric label="Compute used" value={formatGbSeconds(estimate.gbSeconds)} testId="compute-used" />
      <Metric label="Without volume tiers" value={formatDollars(estimate.totalWithoutTiers)} testId="total-without-tiers" />
      <Metric label="Tiers save" value={formatDollars(tierSavings)} />
      <Metric label="Billed duration" value={`${formatCount(estimate.billedDurationMs)} ms`} />
    </dl>
  );
}

/** What a cost model takes for granted, listed under its arithmetic. */
export function Assumptions({ assumptions }: { assumptions: readonly string[] }) {
  return (
    <div className="text-sm">
      <p className="font-medium text-slate-800">What the model assumes</p>
      <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-600">
        {assumptions.map((assumption) => (
          <li key={assumption}>{assumption}</li>
        ))}
      </ul>
    </div>
  );
}
