/** A bench's figures as the markdown table every bench prints: a title line, the rows, then the notes. */
export interface ReportRow {
  measure: string;
  result: string;
  goal: string;
}

export function markdownReport(title: string, rows: ReportRow[], notes: string[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  const lines = [
    title,
    '',
    '| Measure | Result | Goal |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${escape(r.measure)} | ${escape(r.result)} | ${escape(r.goal)} |`),
    ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
  ];
  return `${lines.join('\n')}\n`;
}
