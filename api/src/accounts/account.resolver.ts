import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import type { MemberViewer } from '../auth/viewer';
import { withUserErrors } from '../errors/user-error';
import type { GraphQLContext } from '../server/context';
import { Account } from './account.entity';
import { isOpen } from './business-hours';
import { fromBusinessHoursInput } from './business-hours.types';
import { SetLiveChatEnabledInput, SetLiveChatEnabledPayload, UpdateAccountSettingsInput, UpdateAccountSettingsPayload } from './account.types';

@Resolver(() => Account)
export class AccountResolver {
  @Authorized(Access.MEMBER)
  @Query(() => Account, { nullable: true, description: 'The caller’s account.' })
  account(@Ctx() { em, viewer, services }: GraphQLContext) {
    return services.accounts.get(em, (viewer as MemberViewer).accountId);
  }

  @Authorized(Access.OPERATOR)
  @Mutation(() => SetLiveChatEnabledPayload, {
    description: 'Rolls live chat out to an account or back. Platform operator only (`Authorization: Bearer <PLATFORM_ADMIN_TOKEN>`).',
  })
  setLiveChatEnabled(
    @Arg('input', () => SetLiveChatEnabledInput, { description: 'The account and the new setting.' }) input: SetLiveChatEnabledInput,
    @Ctx() { em, services }: GraphQLContext,
  ) {
    return withUserErrors(() => services.accounts.setLiveChatEnabled(em, input.accountId, input.enabled));
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => UpdateAccountSettingsPayload, {
    description: 'Changes the caller’s account settings (admins only); omitted fields stay as they are. Out-of-range values come back as `userErrors`, and then nothing changes.',
  })
  updateAccountSettings(
    @Arg('input', () => UpdateAccountSettingsInput, { description: 'The settings to change.' }) input: UpdateAccountSettingsInput,
    @Ctx() { em, viewer, services }: GraphQLContext,
  ) {
    return withUserErrors(() => services.accounts.updateSettings(em, (viewer as MemberViewer).accountId, {
          ...input,
          businessHours: input.businessHours && fromBusinessHoursInput(input.businessHours),
        }));
  }

  @FieldResolver(() => Boolean, { description: 'Whether it is within `businessHours` now (always true without them). Says nothing of who is accepting chats.' })
  openNow(@Root() account: Account): boolean {
    return isOpen(account.businessHours, new Date());
  }
}
