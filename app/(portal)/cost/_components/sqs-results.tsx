'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { ArchitectureChart, ARCHITECTURE_LEGEND } from '@/components/charts/architecture-chart';
import { ChartCard } from '@/components/charts/chart-card';
import { ARCHITECTURE_COLORS } from '@/components/charts/chart-theme';
import { CostBreakdownChart, describeGbSeconds } from '@/components/charts/cost-breakdown-chart';
import { CostByBatchSizeChart, COST_BY_BATCH_SIZE_LEGEND } from '@/components/charts/cost-by-batch-size-chart';
import { CostByVolumeChart, costByVolumeLegend } from '@/components/charts/cost-by-volume-chart';
import { downloadText } from '@/components/charts/download-file';
import { MemoryDurationChart, MEMORY_DURATION_LEGEND } from '@/components/charts/memory-duration-chart';
import type { BatchRule } from '@/lib/cost/batch-limits';
import { costGridCsv, sqsBatchRowsCsv } from '@/lib/cost/csv';
import type { SqsBatchView } from '@/lib/cost/estimator-view';
import { formatCount, formatDollars, formatFigure } from '@/lib/cost/number-format';
import type { SqsRequestCounts } from '@/lib/cost/sqs-batch-cost';
import { SQS_REQUEST_RULES } from '@/lib/cost/sqs-requests';
import type { SqsBatchInput } from '@/lib/schemas/cost';
import { CalculationToggle, LogAxesToggle } from './calculation-toggle';
import { shortLineItemLabel } from './lambda-results';
import { Assumptions, CalculationDetails, Metric, PriceTableNote } from './result-parts';
import { TableHead } from '@/components/ui/table-head';

const CALCULATION_ID = 'sqs-calculation';

const RULE_LABELS: Readonly<Record<BatchRule, string>> = {
  BATCH_WINDOW_REQUIRED: 'needs a batching window',
  INVOKE_PAYLOAD_TOO_LARGE: 'payload over 6 MB',
  BATCH_SIZE_TOO_LARGE: 'over 10,000 messages',
  DURATION_TOO_LONG: 'over 15 minutes',
  MEMORY_TOO_LARGE: 'over 10,240 MB',
};

/** The SQS batch model's answer: the cheapest feasible batch size, every batch size, and the charts. */
export function SqsResults({
  view,
  input,
  logAxes,
  onLogAxesChange,
}: {
  view: SqsBatchView;
  input: SqsBatchInput;
  logAxes: boolean;
  onLogAxesChange: (logAxes: boolean) => void;
}) {
  const [showCalculation, setShowCalculation] = useState(false);
  const { costs, grid, recommended } = view;
  const cheapest = costs.rows.find((row) => row.batchSize === costs.cheapestFeasibleBatchSize);
  const volume = `${formatCount(input.messagesPerDay)} messages/day`;

  return (
    <div className="space-y-6">
      <Card
        title="Monthly cost at the cheapest feasible batch size"
        actions={
          <div className="flex gap-2">
            <CalculationToggle open={showCalculation} controls={CALCULATION_ID} onToggle={() => setShowCalculation((open) => !open)} />
            <Button variant="secondary" onClick={() => downloadText(sqsBatchRowsCsv(costs), 'sqs-batch-costs.csv')}>
              Export CSV
            </Button>
            <Button variant="secondary" onClick={() => downloadText(costGridCsv(grid), 'sqs-batch-cost-grid.csv')}>
              Grid CSV
            </Button>
          </div>
        }
      >
        <div className="space-y-4">
          {cheapest ? (
            <div className="flex flex-wrap items-baseline gap-x-3">
              <p className="text-3xl font-semibold tabular-nums text-slate-900" data-testid="total-cost">
                {formatDollars(cheapest.totalCost)}
              </p>
              <p className="text-sm text-slate-600">
                a month with batches of <strong data-testid="cheapest-batch-size">{formatCount(cheapest.batchSize)}</strong> at {volume}, {input.architecture},{' '}
                {input.region}
              </p>
            </div>
          ) : (
            <p className="text-sm font-medium text-red-800" data-testid="total-cost">
              Every batch size breaks an AWS limit at these settings; see the table below.
            </p>
          )}
          {cheapest && (
            <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-4">
              <Metric label="Memory per batch" value={`${formatCount(cheapest.memoryMb)} MB`} />
              <Metric label="Duration per batch" value={`${formatFigure(cheapest.durationMs)} ms`} />
              <Metric label="Invocations a month" value={formatCount(cheapest.invocationsPerMonth)} />
              {costs.includesSqsRequests ? (
                <Metric
                  label="Lambda + SQS requests"
                  value={`${formatDollars(cheapest.lambdaCost)} + ${formatDollars(cheapest.sqsCost)}`}
                  testId="cost-parts"
                />
              ) : (
                <Metric label="GB-seconds a month" value={formatFigure(cheapest.gbSeconds)} />
              )}
            </dl>
          )}
          {cheapest?.sqsRequests ? (
            <p className="text-sm text-slate-600" data-testid="sqs-requests-summary">
              SQS requests with batches of {formatCount(cheapest.batchSize)}: {formatCount(cheapest.sqsRequests.totalRequests)} a month —{' '}
              {formatCount(cheapest.sqsRequests.sendRequests)} sends, {formatCount(cheapest.sqsRequests.receiveRequests)} receives (
              {formatCount(cheapest.sqsRequests.emptyReceives)} of them empty long polls) and {formatCount(cheapest.sqsRequests.deleteRequests)} deletes.
              Smaller batches need more receive and delete calls; see the table.
            </p>
          ) : (
            !costs.includesSqsRequests && (
              <p className="text-sm text-amber-800">
                SQS request charges are left out; they are usually most of the bill. Tick “Include SQS request charges” to add them.
              </p>
            )
          )}
          <PriceTableNote priceTable={costs.priceTable} />
          <div id={CALCULATION_ID} hidden={!showCalculation} className="border-t border-slate-100 pt-4">
            {showCalculation && recommended && (
              <div className="space-y-6">
                <CalculationDetails
                  heading={`Lambda cost for batches of ${formatCount(recommended.batchSize)}${cheapest ? ' (the cheapest feasible)' : ''}`}
                  lines={recommended.estimate.calculation}
                  lineItems={recommended.estimate.lineItems}
                  totalCost={recommended.estimate.totalCost}
                />
                {recommended.sqs && <SqsRequestDetails batchSize={recommended.batchSize} lines={recommended.sqs.lines} />}
                <Assumptions assumptions={costs.assumptions} />
              </div>
            )}
          </div>
        </div>
      </Card>

      <div className="grid gap-4 @3xl:grid-cols-2">
        <div className="@3xl:col-span-2">
          <ChartCard
            title="Monthly cost by messages per day"
            description={`One line per batch size on ${input.architecture}; dashed lines break an AWS limit; the thick line is the cheapest at ${volume}`}
            fileName="sqs-cost-by-volume"
            legend={costByVolumeLegend(grid, input.architecture)}
            actions={<LogAxesToggle checked={logAxes} onChange={onLogAxesChange} />}
          >
            <CostByVolumeChart grid={grid} architecture={input.architecture} logAxes={logAxes} />
          </ChartCard>
        </div>
        <ChartCard title="Cost by batch size" description={`At ${volume}`} fileName="sqs-cost-by-batch-size" legend={COST_BY_BATCH_SIZE_LEGEND}>
          <CostByBatchSizeChart bars={grid.costByBatchSize} />
        </ChartCard>
        <ChartCard
          title="Memory and duration by batch size"
          description="What each batch needs, from the inputs on the left"
          fileName="sqs-memory-duration"
          legend={MEMORY_DURATION_LEGEND}
        >
          <MemoryDurationChart points={grid.memoryAndDuration} />
        </ChartCard>
        <div className="@3xl:col-span-2">
          <ChartCard
            title="x86_64 vs arm64"
            description={`Monthly cost of each batch size at ${volume}`}
            fileName="sqs-architectures"
            legend={ARCHITECTURE_LEGEND}
          >
            <ArchitectureChart
              groups={grid.architectureComparison.map((point) => ({ ...point, label: formatCount(point.batchSize) }))}
              xLabel="Batch size (messages)"
            />
          </ChartCard>
        </div>
        {grid.costSplit && (
          <>
            <ChartCard title="Cost by line item" description={`Batches of ${formatCount(grid.costSplit.batchSize)}`} fileName="sqs-cost-by-line-item">
              <CostBreakdownChart bars={grid.costSplit.lineItems.map((item) => ({ label: shortLineItemLabel(item.label), cost: item.cost }))} />
            </ChartCard>
            <ChartCard title="Compute cost by volume tier" description={`Batches of ${formatCount(grid.costSplit.batchSize)}`} fileName="sqs-cost-by-tier">
              <CostBreakdownChart
                color={ARCHITECTURE_COLORS[input.architecture]}
                bars={grid.costSplit.tiers.map((tier) => ({ label: tier.label, cost: tier.cost, detail: describeGbSeconds(tier.gbSeconds) }))}
              />
            </ChartCard>
          </>
        )}
      </div>

      <Card title={`Every batch size at ${volume}`}>
        <BatchRowsTable view={view} />
      </Card>
    </div>
  );
}

/** How the SQS requests of one batch size are counted, each rule linked to the AWS page that states it. */
function SqsRequestDetails({ batchSize, lines }: { batchSize: number; lines: readonly string[] }) {
  return (
    <div className="space-y-3 text-sm">
      <p className="font-medium text-slate-800">SQS requests for batches of {formatCount(batchSize)}</p>
      <ol className="list-decimal space-y-1 pl-5 text-slate-700" aria-label="SQS request steps">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      <div>
        <p className="font-medium text-slate-800">The rules behind these counts</p>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-600" aria-label="SQS request rules">
          {SQS_REQUEST_RULES.map(({ rule, source }) => (
            <li key={source.url}>
              {rule}{' '}
              <a href={source.url} className="text-brand-600 underline" target="_blank" rel="noreferrer">
                {source.title}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function BatchRowsTable({ view }: { view: SqsBatchView }) {
  const { rows, cheapestFeasibleBatchSize, includesSqsRequests } = view.costs;
  return (
    <div className="overflow-x-auto">
      <table className="w-full whitespace-nowrap text-left text-sm tabular-nums">
        <TableHead
          columns={[
            { label: 'Batch size' },
            { label: 'Memory', numeric: true },
            { label: 'Duration', numeric: true },
            { label: 'Invocations/month', numeric: true },
            { label: 'GB-s', numeric: true },
            ...(includesSqsRequests
              ? [
                  { label: 'SQS requests', numeric: true },
                  { label: 'Lambda', numeric: true },
                  { label: 'SQS', numeric: true },
                ]
              : []),
            { label: 'Cost/month', numeric: true },
            { label: 'Limits' },
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const isCheapest = row.batchSize === cheapestFeasibleBatchSize;
            return (
              <tr key={row.batchSize} className={cn(isCheapest && 'bg-emerald-50', !row.feasible && 'text-slate-500')}>
                <td className="py-1.5 pr-3 font-medium">{formatCount(row.batchSize)}</td>
                <td className="py-1.5 pr-3 text-right">{formatCount(row.memoryMb)} MB</td>
                <td className="py-1.5 pr-3 text-right">{formatFigure(row.durationMs)} ms</td>
                <td className="py-1.5 pr-3 text-right">{formatCount(row.invocationsPerMonth)}</td>
                <td className="py-1.5 pr-3 text-right">{formatFigure(row.gbSeconds)}</td>
                {includesSqsRequests && (
                  <>
                    <td className="py-1.5 pr-3 text-right" title={row.sqsRequests ? describeRequests(row.sqsRequests) : undefined}>
                      {row.sqsRequests ? formatCount(row.sqsRequests.totalRequests) : '—'}
                    </td>
                    <td className="py-1.5 pr-3 text-right">{formatDollars(row.lambdaCost)}</td>
                    <td className="py-1.5 pr-3 text-right">{formatDollars(row.sqsCost)}</td>
                  </>
                )}
                <td className="py-1.5 pr-3 text-right font-medium">{formatDollars(row.totalCost)}</td>
                <td className="py-1.5">
                  <div className="flex flex-wrap gap-1">
                    {isCheapest && <Badge tone="good">cheapest</Badge>}
                    {row.feasible && !isCheapest && <Badge>ok</Badge>}
                    {row.violations.map((violation) => (
                      <span key={violation.rule} title={violation.message}>
                        <Badge tone="bad">{RULE_LABELS[violation.rule]}</Badge>
                        <span className="sr-only">: {violation.message}</span>
                      </span>
                    ))}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function describeRequests(requests: SqsRequestCounts): string {
  return `${formatCount(requests.sendRequests)} send, ${formatCount(requests.receiveRequests)} receive (${formatCount(requests.emptyReceives)} empty), ${formatCount(requests.deleteRequests)} delete`;
}
