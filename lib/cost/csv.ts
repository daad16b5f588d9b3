import type { CostGrid } from './cost-grid';
import type { LambdaCostEstimateDto } from './lambda-cost';
import type { SqsBatchCostsDto } from './sqs-batch-cost';

/**
 * CSV exports of the estimator's results (RFC 4180: comma-separated, CRLF line ends, quotes doubled).
 * Amounts are the model's dollars rounded to the cent; rates keep every digit.
 */

export type CsvCell = string | number | boolean | null;

// A spreadsheet runs a cell starting with one of these as a formula; a leading quote makes it text.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and data rows as CSV text. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One Lambda estimate: each line item, then the total. */
export function lambdaEstimateCsv(estimate: LambdaCostEstimateDto): string {
  const { priceTable } = estimate;
  return toCsv(
    ['item', 'quantity', 'unit', 'rate_usd', 'cost_usd', 'price_table', 'region'],
    [
      ...estimate.lineItems.map((item) => [item.label, item.quantity, item.unit, item.rate, item.cost, priceTable.id, priceTable.region]),
      ['Total', null, null, null, estimate.totalCost, priceTable.id, priceTable.region],
    ],
  );
}

/** The batch-size comparison at the chosen volume: one row per batch size. */
export function sqsBatchRowsCsv(costs: SqsBatchCostsDto): string {
  return toCsv(
    [
      'batch_size',
      'memory_mb',
      'duration_ms',
      'invocations_per_month',
      'gb_seconds',
      'sqs_send_requests',
      'sqs_receive_requests',
      'sqs_empty_receives',
      'sqs_delete_requests',
      'lambda_cost_usd',
      'sqs_cost_usd',
      'total_cost_usd',
      'feasible',
      'cheapest',
      'violations',
    ],
    costs.rows.map((row) => [
      row.batchSize,
      row.memoryMb,
      row.durationMs,
      row.invocationsPerMonth,
      row.gbSeconds,
      row.sqsRequests?.sendRequests ?? null,
      row.sqsRequests?.receiveRequests ?? null,
      row.sqsRequests?.emptyReceives ?? null,
      row.sqsRequests?.deleteRequests ?? null,
      row.lambdaCost,
      row.sqsCost,
      row.totalCost,
      row.feasible,
      row.batchSize === costs.cheapestFeasibleBatchSize,
      row.violations.map((violation) => violation.rule).join(' '),
    ]),
  );
}

/** The whole chart grid in long form: one row per architecture, daily volume and batch size. */
export function costGridCsv(grid: CostGrid): string {
  const shapes = new Map(grid.memoryAndDuration.map((point) => [point.batchSize, point]));
  return toCsv(
    ['architecture', 'messages_per_day', 'batch_size', 'memory_mb', 'duration_ms', 'feasible', 'total_cost_usd'],
    grid.costByVolume.flatMap((series) =>
      series.points.map((point) => [
        series.architecture,
        point.messagesPerDay,
        series.batchSize,
        shapes.get(series.batchSize)?.memoryMb ?? null,
        shapes.get(series.batchSize)?.durationMs ?? null,
        series.feasible,
        point.totalCost,
      ]),
    ),
  );
}
