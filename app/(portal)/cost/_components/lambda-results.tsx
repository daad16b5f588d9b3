'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ArchitectureChart, ARCHITECTURE_LEGEND } from '@/components/charts/architecture-chart';
import { ChartCard } from '@/components/charts/chart-card';
import { ARCHITECTURE_COLORS } from '@/components/charts/chart-theme';
import { CostBreakdownChart, describeGbSeconds } from '@/components/charts/cost-breakdown-chart';
import { CostByInvocationsChart } from '@/components/charts/cost-by-invocations-chart';
import { downloadText } from '@/components/charts/download-file';
import { lambdaEstimateCsv } from '@/lib/cost/csv';
import type { LambdaView } from '@/lib/cost/estimator-view';
import { formatCount, formatDollars, formatGbSeconds } from '@/lib/cost/number-format';
import type { LambdaCostInput } from '@/lib/schemas/cost';
import { CalculationToggle, LogAxesToggle } from './calculation-toggle';
import { CalculationDetails, LambdaBreakdown, PriceTableNote } from './result-parts';

const CALCULATION_ID = 'lambda-calculation';

/** The Lambda model's answer: the monthly total, how it is made up, and the charts around it. */
export function LambdaResults({
  view,
  input,
  logAxes,
  onLogAxesChange,
}: {
  view: LambdaView;
  input: LambdaCostInput;
  logAxes: boolean;
  onLogAxesChange: (logAxes: boolean) => void;
}) {
  const [showCalculation, setShowCalculation] = useState(false);
  const { estimate } = view;
  const context = `${formatCount(input.invocationsPerMonth)} invocations/month · ${formatCount(input.memoryMb)} MB · ${formatCount(input.durationMs)} ms · ${input.architecture} · ${input.region}`;
  const architectureGroups = [{ label: 'This function', ...Object.fromEntries(view.byArchitecture.map((entry) => [entry.architecture, entry.totalCost])) }];
  const otherArchitecture = view.byArchitecture.find((entry) => entry.architecture !== input.architecture);

  return (
    <div className="space-y-6">
      <Card
        title="Monthly cost"
        actions={
          <div className="flex gap-2">
            <CalculationToggle open={showCalculation} controls={CALCULATION_ID} onToggle={() => setShowCalculation((open) => !open)} />
            <Button variant="secondary" onClick={() => downloadText(lambdaEstimateCsv(estimate), 'lambda-cost-estimate.csv')}>
              Export CSV
            </Button>
          </div>
        }
      >
        <div className="space-y-4">
          <div className="flex flex-wrap items-baseline gap-x-3">
            <p className="text-3xl font-semibold tabular-nums text-slate-900" data-testid="total-cost">
              {formatDollars(estimate.totalCost)}
            </p>
            <p className="text-sm text-slate-600">a month for {context}</p>
          </div>
          <LambdaBreakdown estimate={estimate} tierSavings={view.tierSavings} />
          {otherArchitecture && (
            <p className="text-sm text-slate-600">
              On {otherArchitecture.architecture} the same function would cost {formatDollars(otherArchitecture.totalCost)}.
            </p>
          )}
          <PriceTableNote priceTable={estimate.priceTable} />
          <div id={CALCULATION_ID} hidden={!showCalculation} className="border-t border-slate-100 pt-4">
            {showCalculation && <CalculationDetails lines={estimate.calculation} lineItems={estimate.lineItems} totalCost={estimate.totalCost} />}
          </div>
        </div>
      </Card>

      <div className="grid gap-4 @3xl:grid-cols-2">
        <ChartCard
          title="Monthly cost by invocations"
          description={`Chosen: ${formatCount(input.invocationsPerMonth)} a month; other inputs as set`}
          fileName="lambda-cost-by-invocations"
          legend={ARCHITECTURE_LEGEND}
          actions={<LogAxesToggle checked={logAxes} onChange={onLogAxesChange} />}
        >
          <CostByInvocationsChart points={view.costByInvocations} chosen={input.invocationsPerMonth} logAxes={logAxes} />
        </ChartCard>
        <ChartCard
          title="x86_64 vs arm64"
          description="The same function priced on each architecture"
          fileName="lambda-architectures"
          legend={ARCHITECTURE_LEGEND}
        >
          <ArchitectureChart groups={architectureGroups} xLabel="Architecture" />
        </ChartCard>
        <ChartCard title="Cost by line item" description="Requests, compute by tier, and storage" fileName="lambda-cost-by-line-item">
          <CostBreakdownChart
            bars={estimate.lineItems.map((item) => ({
              label: shortLineItemLabel(item.label),
              cost: item.cost,
              detail: `${formatCount(item.quantity)} ${item.unit}`,
            }))}
          />
        </ChartCard>
        <ChartCard title="Compute cost by volume tier" description={`${formatGbSeconds(estimate.gbSeconds)} this month`} fileName="lambda-cost-by-tier">
          <CostBreakdownChart
            color={ARCHITECTURE_COLORS[input.architecture]}
            bars={estimate.tiers.map((tier, index) => ({
              label: `Tier ${index + 1}${tier.toGbSeconds === null ? ' (top)' : ''}`,
              cost: tier.cost,
              detail: describeGbSeconds(tier.gbSeconds),
            }))}
          />
        </ChartCard>
      </div>
    </div>
  );
}

/** "Compute, Tier 2 (6,000,000,000 to …, 10% off)" → "Compute, tier 2": axis labels must stay short. */
export function shortLineItemLabel(label: string): string {
  const tier = /^Compute, Tier (\d+)/.exec(label);
  if (tier) return `Compute, tier ${tier[1]}`;
  return label === 'Ephemeral storage above 512 MB' ? 'Ephemeral storage' : label;
}
