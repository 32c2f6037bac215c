import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { MemberViewer } from '../auth/viewer';
import { FlowStepKind, type FlowStepInput } from '../flows/flow-step.types';
import type { Services } from '../server/services';
import { User, UserRole } from '../users/user.entity';

export const DEMO_ADMIN_EMAIL = 'admin@demo.chatonce.test';
const DEMO_AGENTS = [
  { name: 'Ana Agent', email: 'ana@demo.chatonce.test' },
  { name: 'Ben Agent', email: 'ben@demo.chatonce.test' },
];

/** The demo flow: greet, qualify by need and team size, offer a human, capture name and email. */
export const DEMO_FLOW_STEPS: FlowStepInput[] = [
  { key: 'welcome', kind: FlowStepKind.MESSAGE, text: 'Hi! I’m the Acme assistant.', next: 'need' },
  {
    key: 'need',
    kind: FlowStepKind.QUESTION,
    text: 'What brings you here today?',
    options: [
      { key: 'pricing', label: 'Pricing for my team', next: 'team_size' },
      { key: 'support', label: 'I need support', next: 'support' },
      { key: 'browsing', label: 'Just looking', next: 'bye' },
    ],
  },
  {
    key: 'team_size',
    kind: FlowStepKind.QUESTION,
    text: 'How many people are on your team?',
    options: [
      { key: 'small', label: '1–10', next: 'live' },
      { key: 'medium', label: '11–50', next: 'live' },
      { key: 'large', label: 'More than 50', next: 'live' },
    ],
  },
  {
    key: 'live',
    kind: FlowStepKind.LIVE_CHAT,
    liveChat: {
      offerMessage: 'Would you like to talk to someone from our sales team right now?',
      acceptLabel: 'Yes, connect me',
      declineLabel: 'No, thanks',
      declineNext: 'bye',
      handoffMessage: 'Thanks! While I find someone from our team, feel free to tell us more.',
      timeoutSeconds: 120,
      timeoutMessage: 'Sorry, everyone is busy right now. We’ll get back to you by email soon.',
      collectContactDetails: { enabled: true, namePrompt: 'Great! Before I connect you: what’s your name?', emailPrompt: 'And your email address, in case we get cut off?' },
    },
  },
  { key: 'support', kind: FlowStepKind.END, text: 'Please write to support@acme.example and we’ll help you there.' },
  { key: 'bye', kind: FlowStepKind.END, text: 'Thanks for visiting. Have a great day!' },
];

export interface DemoCredentials {
  accountId: string;
  flowId: string;
  users: { email: string; password: string; role: UserRole }[];
}

/**
 * On a first start, creates the demo account (live chat on), an admin, two agents and a
 * published flow, through the same services the API uses, in one transaction: a start that
 * fails half-way leaves no half-made demo behind. Returns null when it exists.
 */
export function seedDemoAccount(em: EntityManager, services: Services, password?: string): Promise<DemoCredentials | null> {
  return em.transactional((tem) => seed(tem, services, password));
}

async function seed(em: EntityManager, services: Services, password?: string): Promise<DemoCredentials | null> {
  if (await em.count(User, { email: DEMO_ADMIN_EMAIL })) return null;
  const newPassword = () => password ?? randomBytes(9).toString('base64url');
  const adminPassword = newPassword();
  const { user: admin } = await services.auth.signUp(em, { accountName: 'Acme Demo', name: 'Avery Admin', email: DEMO_ADMIN_EMAIL, password: adminPassword });
  const accountId = admin.account.id;
  await services.accounts.setLiveChatEnabled(em, accountId, true);
  const viewer: MemberViewer = { kind: 'user', userId: admin.id, accountId, role: UserRole.ADMIN };
  const users = [{ email: DEMO_ADMIN_EMAIL, password: adminPassword, role: UserRole.ADMIN }];
  for (const agent of DEMO_AGENTS) {
    const agentPassword = newPassword();
    await services.users.create(em, viewer, { ...agent, password: agentPassword, role: UserRole.AGENT });
    users.push({ email: agent.email, password: agentPassword, role: UserRole.AGENT });
  }
  const { flow } = await services.flows.create(em, viewer, { name: 'Website qualifier', steps: DEMO_FLOW_STEPS });
  await services.flows.publish(em, viewer, flow.id);
  return { accountId, flowId: flow.nodeId, users };
}
