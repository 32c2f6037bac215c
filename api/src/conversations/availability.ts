import type { EntityManager } from '@mikro-orm/core';
import type { Account } from '../accounts/account.entity';
import { isOpen } from '../accounts/business-hours';
import { OfflineMode, type FlowStep } from '../flows/flow-step.types';
import { User } from '../users/user.entity';
import type { BotContext } from './bot-engine';

/**
 * What the bot needs to know of who can take a chat now: whether anyone is accepting chats and
 * whether it is within business hours. Asked only of flows whose LIVE_CHAT steps act on it
 * (`skipWhenNobodyAvailable`, `offlineMode` LEAVE_MESSAGE); every other flow costs no query.
 */
export async function availability(em: EntityManager, account: Account, steps: FlowStep[], now = new Date()): Promise<Pick<BotContext, 'agentsAvailable' | 'withinBusinessHours'>> {
  const leavesMessages = steps.some((step) => step.liveChat?.offlineMode === OfflineMode.LEAVE_MESSAGE);
  const withinBusinessHours = leavesMessages ? isOpen(account.businessHours, now) : true;
  // Outside the hours a LEAVE_MESSAGE step takes a message whoever is accepting: no need to count.
  const countNeeded = (leavesMessages && withinBusinessHours) || steps.some((step) => step.liveChat?.skipWhenNobodyAvailable);
  const agentsAvailable = countNeeded ? (await em.count(User, { account: account.id, acceptingChats: true })) > 0 : true;
  return { agentsAvailable, withinBusinessHours };
}
