import { isDeepStrictEqual } from 'node:util';
import { LockMode, type EntityManager } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import { actingUserId, type MemberViewer } from '../auth/viewer';
import { fail, userError, UserErrorsException } from '../errors/user-error';
import { paginate, type ConnectionArgs } from '../relay/connection';
import { Flow, FlowVersion } from './flow.entity';
import { toStoredSteps } from './flow-step.types';
import type { CreateFlowInput, UpdateFlowInput } from './flow.types';
import { draftErrors, FlowErrorCode, publishErrors } from './flow-validation';

/** Editing and publishing flows; conversations run on the published versions. */
export class FlowService {
  list(em: EntityManager, viewer: MemberViewer, args: ConnectionArgs) {
    return paginate(em, Flow, { account: viewer.accountId }, args);
  }

  get(em: EntityManager, viewer: MemberViewer, flowId: string): Promise<Flow | null> {
    return em.findOne(Flow, { id: flowId, account: viewer.accountId });
  }

  versions(em: EntityManager, flow: Flow, args: ConnectionArgs) {
    return paginate(em, FlowVersion, { flow: flow.id, account: flow.account.id }, args, 'desc');
  }

  async create(em: EntityManager, viewer: MemberViewer, input: CreateFlowInput): Promise<{ flow: Flow }> {
    const steps = toStoredSteps(input.steps);
    const errors = [...nameErrors(input.name), ...draftErrors(steps, ['input', 'steps'])];
    if (errors.length) throw new UserErrorsException(errors);
    const flow = em.create(Flow, { account: viewer.accountId, name: input.name.trim(), steps });
    await em.flush();
    return { flow };
  }

  async update(em: EntityManager, viewer: MemberViewer, flowId: string, input: UpdateFlowInput): Promise<{ flow: Flow }> {
    const flow = await this.get(em, viewer, flowId);
    if (!flow) fail(FlowErrorCode.FLOW_NOT_FOUND, 'No flow with this ID in your account.', ['input', 'id']);
    const steps = input.steps ? toStoredSteps(input.steps) : undefined;
    const errors = [...(input.name != null ? nameErrors(input.name) : []), ...(steps ? draftErrors(steps, ['input', 'steps']) : [])];
    if (errors.length) throw new UserErrorsException(errors);
    if (input.name != null) flow.name = input.name.trim();
    if (steps) flow.steps = steps;
    await em.flush();
    return { flow };
  }

  /**
   * Validates the draft and freezes it into a new version. The flow row is locked, so two
   * admins publishing at once get consecutive versions; an unchanged draft is not re-published.
   */
  async publish(em: EntityManager, viewer: MemberViewer, flowId: string): Promise<{ flow: Flow; flowVersion: FlowVersion }> {
    return em.transactional(async (tem) => {
      const flow = await tem.findOne(Flow, { id: flowId, account: viewer.accountId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!flow) fail(FlowErrorCode.FLOW_NOT_FOUND, 'No flow with this ID in your account.', ['id']);
      const account = await tem.findOneOrFail(Account, viewer.accountId);
      const errors = publishErrors(flow.steps, ['steps'], { liveChatEnabled: account.liveChatEnabled });
      if (errors.length) throw new UserErrorsException(errors);

      const latest = await tem.findOne(FlowVersion, { flow: flow.id }, { orderBy: { version: 'desc' } });
      if (latest && isDeepStrictEqual(latest.steps, flow.steps)) {
        flow.publishedVersion = tem.getReference(FlowVersion, latest.id, { wrapped: true });
        return { flow, flowVersion: latest };
      }
      const flowVersion = tem.create(FlowVersion, {
        account: viewer.accountId,
        flow,
        version: (latest?.version ?? 0) + 1,
        steps: flow.steps,
        publishedBy: actingUserId(viewer),
      });
      flow.publishedVersion = tem.getReference(FlowVersion, flowVersion.id, { wrapped: true });
      return { flow, flowVersion };
    });
  }

  /** The published version a new conversation of this flow starts on. */
  async publishedVersion(flow: Flow): Promise<FlowVersion | null> {
    return (await flow.publishedVersion?.load()) ?? null;
  }

  async hasUnpublishedChanges(flow: Flow): Promise<boolean> {
    const published = await this.publishedVersion(flow);
    return !published || !isDeepStrictEqual(published.steps, flow.steps);
  }
}

function nameErrors(name: string) {
  return name.trim() ? [] : [userError(FlowErrorCode.INVALID_NAME, 'Give the flow a name.', ['input', 'name'])];
}
