import { FieldResolver, Resolver, Root } from 'type-graphql';
import { LIVE_CHAT_DEFAULTS, LiveChatSettings, OfflineMode } from './flow-step.types';

/**
 * Settings added after a flow was stored are missing from its JSON: they read as their
 * defaults, which is also how the bot runs such a flow.
 */
@Resolver(() => LiveChatSettings)
export class LiveChatSettingsResolver {
  @FieldResolver(() => Boolean)
  skipWhenNobodyAvailable(@Root() settings: LiveChatSettings): boolean {
    return settings.skipWhenNobodyAvailable ?? false;
  }

  @FieldResolver(() => OfflineMode)
  offlineMode(@Root() settings: LiveChatSettings): OfflineMode {
    return settings.offlineMode ?? OfflineMode.WAIT;
  }

  @FieldResolver(() => String)
  leaveMessagePrompt(@Root() settings: LiveChatSettings): string {
    return settings.leaveMessagePrompt ?? LIVE_CHAT_DEFAULTS.leaveMessagePrompt;
  }

  @FieldResolver(() => String)
  leaveMessageThanks(@Root() settings: LiveChatSettings): string {
    return settings.leaveMessageThanks ?? LIVE_CHAT_DEFAULTS.leaveMessageThanks;
  }
}
