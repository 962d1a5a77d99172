/** Number formats for the HTML page: fixed locale, so the page is the same wherever it is built. */
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export const formatWhole = (n: number): string => whole.format(n);
export const formatCompact = (n: number): string => compact.format(n);
export const formatPercent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;
