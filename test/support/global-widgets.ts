// Vitest global setup for the browser suites: build the widgets and the admin console once, as `npm run build` does,
// the widgets' budget check included, rather than once per suite that opens them.
import { buildAdmin } from '../../admin/build.js';
import { buildWidgets } from '../../widgets/build.js';

export default async function setup(): Promise<void> {
  // One after the other: each build sets NODE_ENV for itself and puts back what it found.
  const sizes = await buildWidgets();
  await buildAdmin();
  const over = sizes.filter((s) => s.budgetBytes !== undefined && s.gzipBytes > s.budgetBytes);
  if (over.length > 0)
    throw new Error(
      `widgets over their size budget: ${over.map((s) => `${s.entry} ${s.gzipBytes} B > ${s.budgetBytes} B`).join(', ')}`,
    );
}
