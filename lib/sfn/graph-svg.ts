import type { ExecutionGraphDto, ExecutionGraphEdgeDto, ExecutionGraphNodeDto } from './dto';
import { absoluteNodePositions } from './execution-graph';
import type { StateStatus } from './history-types';
import type { LayoutPoint } from './layout-types';
import { EDGE_STYLE, EDGE_WIDTH, STATE_STATUS_ORDER, STATE_STATUS_STYLE, TAKEN_EDGE_WIDTH } from './status-style';

// A self-contained SVG of an execution graph, drawn from the DTO rather than copied from the page's DOM:
// it does not depend on the zoom level or on stylesheets, so the file looks the same wherever it is
// opened, and the PNG export rasterises the same markup.

export interface GraphSvgOptions {
  title?: string;
  subtitle?: string;
  /** Draw the status legend under the graph (default true). */
  legend?: boolean;
}

export interface GraphSvg {
  markup: string;
  width: number;
  height: number;
}

const FONT = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const PADDING = 24;
const TITLE_HEIGHT = 26;
const SUBTITLE_HEIGHT = 18;
const LEGEND_HEIGHT = 30;
const CHAR_WIDTH = 6.6;

/** Escape text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Cut a label to fit `width` pixels, with an ellipsis. */
export function fitLabel(text: string, width: number): string {
  const max = Math.max(3, Math.floor(width / CHAR_WIDTH));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const round = (n: number) => Math.round(n * 10) / 10;

function markerId(edge: Pick<ExecutionGraphEdgeDto, 'kind' | 'taken'>): string {
  return `arrow-${edge.kind === 'catch' ? 'catch' : 'flow'}-${edge.taken ? 'taken' : 'idle'}`;
}

function arrowMarkers(): string {
  const variants: { id: string; color: string }[] = [
    { id: 'arrow-flow-taken', color: EDGE_STYLE.next.takenStroke },
    { id: 'arrow-flow-idle', color: EDGE_STYLE.next.stroke },
    { id: 'arrow-catch-taken', color: EDGE_STYLE.catch.takenStroke },
    { id: 'arrow-catch-idle', color: EDGE_STYLE.catch.stroke },
  ];
  return variants
    .map(
      ({ id, color }) =>
        `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`,
    )
    .join('');
}

/** Route of an edge: ELK's points, or a straight line between the boxes for overlay Catch edges. */
export function edgeRoute(edge: ExecutionGraphEdgeDto, boxes: Map<string, { x: number; y: number; width: number; height: number }>): LayoutPoint[] {
  if (edge.points.length >= 2) return edge.points;
  const source = boxes.get(edge.source);
  const target = boxes.get(edge.target);
  if (!source || !target) return [];
  const goesDown = target.y >= source.y + source.height;
  return [
    { x: source.x + source.width / 2, y: goesDown ? source.y + source.height : source.y + source.height / 2 },
    { x: target.x + target.width / 2, y: goesDown ? target.y : target.y + target.height / 2 },
  ];
}

function edgeMarkup(edge: ExecutionGraphEdgeDto, route: LayoutPoint[]): string {
  if (route.length < 2) return '';
  const style = EDGE_STYLE[edge.kind];
  const d = route.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join(' ');
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  const path = `<path d="${d}" fill="none" stroke="${edge.taken ? style.takenStroke : style.stroke}" stroke-width="${edge.taken ? TAKEN_EDGE_WIDTH : EDGE_WIDTH}"${dash} marker-end="url(#${markerId(edge)})" data-edge-kind="${edge.kind}" data-taken="${edge.taken}"/>`;
  if (!edge.label) return path;
  const at = edge.labelPosition ?? route[Math.floor(route.length / 2)]!;
  const label = fitLabel(edge.label, 300);
  const width = label.length * 6 + 8;
  return `${path}<g transform="translate(${round(at.x)},${round(at.y)})"><rect width="${round(width)}" height="16" rx="3" fill="#ffffff" stroke="#e2e8f0"/><text x="4" y="11.5" font-size="10" fill="${edge.kind === 'catch' ? '#9a3412' : '#334155'}">${escapeXml(label)}</text></g>`;
}

function nodeMarkup(node: ExecutionGraphNodeDto, at: LayoutPoint): string {
  const style = STATE_STATUS_STYLE[node.status];
  const x = round(at.x);
  const y = round(at.y);
  const common = `data-node-id="${escapeXml(node.id)}" data-status="${node.status}" opacity="${style.opacity}"`;
  const title = `<title>${escapeXml(`${node.name} (${node.type}): ${style.label}`)}</title>`;
  if (node.kind === 'container') {
    const heading = fitLabel(`${node.type} · ${node.name}`, node.width - 16);
    return `<g ${common}>${title}<rect x="${x}" y="${y}" width="${node.width}" height="${node.height}" rx="10" fill="#f8fafc" fill-opacity="0.7" stroke="${style.stroke}" stroke-width="1.5" stroke-dasharray="6 4"/><text x="${x + 10}" y="${y + 18}" font-size="11" font-weight="600" fill="${style.text}">${escapeXml(heading)}</text></g>`;
  }
  if (node.kind === 'marker') {
    return `<g ${common}>${title}<rect x="${x}" y="${y}" width="${node.width}" height="${node.height}" rx="${node.height / 2}" fill="${style.fill}" stroke="${style.stroke}"/><text x="${round(at.x + node.width / 2)}" y="${round(at.y + node.height / 2 + 4)}" font-size="11" text-anchor="middle" fill="${style.text}">${node.name}</text></g>`;
  }
  const label = fitLabel(node.name, node.width - 12);
  return `<g ${common}>${title}<rect x="${x}" y="${y}" width="${node.width}" height="${node.height}" rx="6" fill="${style.fill}" stroke="${style.stroke}" stroke-width="1.5"/><text x="${round(at.x + node.width / 2)}" y="${round(at.y + node.height / 2 + 4)}" font-size="12" font-weight="500" text-anchor="middle" fill="${style.text}">${escapeXml(label)}</text></g>`;
}

function legendMarkup(statuses: StateStatus[], top: number): string {
  let x = PADDING;
  return statuses
    .map((status) => {
      const style = STATE_STATUS_STYLE[status];
      const item = `<g transform="translate(${x},${top})"><rect width="14" height="14" rx="3" fill="${style.fill}" stroke="${style.stroke}" stroke-width="1.5"/><text x="20" y="11" font-size="11" fill="#334155">${style.label}</text></g>`;
      x += 20 + style.label.length * 6.5 + 18;
      return item;
    })
    .join('');
}

/** Draw an execution graph (statuses, taken path, labels) as a standalone SVG document. */
export function renderExecutionGraphSvg(graph: ExecutionGraphDto, options: GraphSvgOptions = {}): GraphSvg {
  const positions = absoluteNodePositions(graph.nodes);
  const boxes = new Map(graph.nodes.map((n) => [n.id, { ...positions.get(n.id)!, width: n.width, height: n.height }]));
  const header = (options.title ? TITLE_HEIGHT : 0) + (options.subtitle ? SUBTITLE_HEIGHT : 0);
  const withLegend = options.legend ?? true;
  const width = Math.ceil(Math.max(graph.width, 360) + PADDING * 2);
  const height = Math.ceil(graph.height + PADDING * 2 + header + (withLegend ? LEGEND_HEIGHT : 0));

  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  if (options.title) parts.push(`<text x="${PADDING}" y="${PADDING + 4}" font-size="15" font-weight="600" fill="#0f172a">${escapeXml(options.title)}</text>`);
  if (options.subtitle)
    parts.push(
      `<text x="${PADDING}" y="${PADDING + (options.title ? TITLE_HEIGHT : 0) + 2}" font-size="12" fill="#475569">${escapeXml(options.subtitle)}</text>`,
    );
  parts.push(`<g transform="translate(${PADDING},${PADDING + header})">`);
  // Containers first, then edges, then states: an edge inside a Map must not be hidden by its frame.
  for (const node of graph.nodes) if (node.kind === 'container') parts.push(nodeMarkup(node, positions.get(node.id)!));
  // Untaken edges under taken ones, so the path stays visible where they overlap.
  for (const edge of [...graph.edges].sort((a, b) => Number(a.taken) - Number(b.taken))) parts.push(edgeMarkup(edge, edgeRoute(edge, boxes)));
  for (const node of graph.nodes) if (node.kind !== 'container') parts.push(nodeMarkup(node, positions.get(node.id)!));
  parts.push('</g>');
  if (withLegend) {
    const present = STATE_STATUS_ORDER.filter((s) => graph.nodes.some((n) => n.kind !== 'marker' && n.status === s));
    parts.push(legendMarkup(present, height - PADDING - 12));
  }

  const markup = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}"><defs>${arrowMarkers()}</defs>${parts.join('')}</svg>`;
  return { markup, width, height };
}

/** A file name for an export: `<execution name>-graph.svg`, safe on every OS. */
export function exportFileName(executionName: string, extension: 'svg' | 'png'): string {
  const safe = executionName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'execution';
  return `${safe}-graph.${extension}`;
}
