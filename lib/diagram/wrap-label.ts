/**
 * Breaks a CloudFormation logical id ("EnrichmentStateMachine") into lines of at most `maxChars`,
 * between its words: at lower-to-upper case changes, before an upper-case letter followed by a lower
 * one (so "SQSQueue" is "SQS" + "Queue"), around digit runs, and after '/', '-', '_' or '.'. A word
 * longer than a line is cut. Nothing is dropped: the lines joined give the label back.
 */
export function wrapLabel(label: string, maxChars: number): string[] {
  const words = splitWords(label);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + word.length > maxChars) {
      lines.push(line);
      line = '';
    }
    let rest = word;
    while (line.length + rest.length > maxChars) {
      const room = maxChars - line.length;
      lines.push(line + rest.slice(0, room));
      line = '';
      rest = rest.slice(room);
    }
    line += rest;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

function splitWords(label: string): string[] {
  const boundaries = /(?<=[a-z])(?=[A-Z0-9])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[0-9])(?=[A-Za-z])|(?<=[/_.-])/g;
  return label.split(boundaries).filter(Boolean);
}
