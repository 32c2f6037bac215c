import type { EntityManager } from '@mikro-orm/core';
import { Flow } from '../flows/flow.entity';
import { decodeGlobalId } from '../relay/global-id';
import { DEMO_ADMIN_EMAIL } from '../seed/demo-seed';
import { User } from '../users/user.entity';

/** The flow `/demo` shows: `?flow=<id>` when it is a published flow, else the demo account's. */
export async function demoFlowId(em: EntityManager, requested: unknown): Promise<string | null> {
  const decoded = typeof requested === 'string' ? decodeGlobalId(requested) : null;
  if (decoded?.typeName === 'Flow') {
    const flow = await em.findOne(Flow, { id: decoded.id, publishedVersion: { $ne: null } });
    if (flow) return flow.nodeId;
  }
  const admin = await em.findOne(User, { email: DEMO_ADMIN_EMAIL });
  if (!admin) return null;
  const flow = await em.findOne(Flow, { account: admin.account.id, publishedVersion: { $ne: null } }, { orderBy: { id: 'asc' } });
  return flow?.nodeId ?? null;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A sample customer website with the widget embedded by its one script tag. */
export function demoPage(flowId: string | null): string {
  const embed = flowId
    ? `<script src="/widget.js" data-flow-id="${escapeHtml(flowId)}" defer></script>`
    : '<p class="note">No published flow to show: pass <code>?flow=&lt;flow id&gt;</code>.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Analytics: dashboards your team will read</title>
<style>
  body { margin: 0; font: 16px/1.6 system-ui, sans-serif; color: #1f2933; background: #f7f9fb; }
  header { background: #102a43; color: #fff; padding: 20px 40px; display: flex; justify-content: space-between; align-items: center; }
  header nav a { color: #d9e2ec; margin-left: 24px; text-decoration: none; }
  main { max-width: 880px; margin: 0 auto; padding: 48px 24px; }
  h1 { font-size: 40px; line-height: 1.15; margin: 0 0 16px; }
  .lead { font-size: 20px; color: #486581; }
  .plans { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 16px; margin-top: 40px; }
  .plan { background: #fff; border: 1px solid #d9e2ec; border-radius: 8px; padding: 20px; }
  .plan strong { font-size: 28px; display: block; margin: 8px 0; }
  .note { background: #fff3c4; padding: 12px; border-radius: 6px; }
  footer { text-align: center; color: #52606d; padding: 40px; font-size: 14px; }
  /* A phone-sized sample site, so the widget is tried on a page as narrow as the phone. */
  @media (max-width: 480px) {
    header { padding: 16px; flex-wrap: wrap; gap: 8px; }
    header nav a { margin: 0 16px 0 0; }
    main { padding: 24px 16px; }
    h1 { font-size: 30px; }
    .plans { grid-template-columns: minmax(0, 1fr); }
    footer { padding: 24px 16px; }
  }
</style>
</head>
<body>
<header><strong>Acme Analytics</strong><nav><a href="#">Product</a><a href="#">Pricing</a><a href="#">Customers</a></nav></header>
<main>
  <h1>Dashboards your whole team will actually read</h1>
  <p class="lead">Connect your data in minutes and share live reports with everyone. Questions? Our assistant in the corner can put you through to sales right away.</p>
  <div class="plans">
    <div class="plan">Starter<strong>$29</strong>per month, 3 seats</div>
    <div class="plan">Team<strong>$99</strong>per month, 15 seats</div>
    <div class="plan">Business<strong>Talk to us</strong>unlimited seats, SSO</div>
  </div>
  ${embed}
</main>
<footer>This is a sample site for the ChatOnce widget demo.</footer>
</body>
</html>`;
}
