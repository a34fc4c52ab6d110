/** Renders a stored dateline date in a target locale's own conventions; UTC so the day never shifts. */
export function renderDateline(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}
