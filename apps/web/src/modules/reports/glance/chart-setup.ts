import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

/**
 * Chart.js with only what the reports draw (bar charts, their two axes and the tooltip), so the chunk
 * stays small. Imported dynamically by the chart component: only the reports page loads it.
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export { Chart };
