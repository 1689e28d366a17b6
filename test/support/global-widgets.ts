// Vitest global setup for the browser suites: build the widgets once, as `npm run build` does, budget check included.
import { buildWidgets } from '../../widgets/build.js';

export default async function setup(): Promise<void> {
  const sizes = await buildWidgets();
  const over = sizes.filter((s) => s.budgetBytes !== undefined && s.gzipBytes > s.budgetBytes);
  if (over.length > 0)
    throw new Error(
      `widgets over their size budget: ${over.map((s) => `${s.entry} ${s.gzipBytes} B > ${s.budgetBytes} B`).join(', ')}`,
    );
}
