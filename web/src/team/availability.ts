/** Who can take one more chat now: accepting chats and below their capacity (null: no limit). */
export function canTakeChat(member: { acceptingChats: boolean; activeChatCount: number; maxConcurrentChats?: number | null }): boolean {
  return member.acceptingChats && (member.maxConcurrentChats == null || member.activeChatCount < member.maxConcurrentChats);
}

/** "2 / 5" or "2 / no limit". */
export function loadLabel(member: { activeChatCount: number; maxConcurrentChats?: number | null }): string {
  return `${member.activeChatCount} / ${member.maxConcurrentChats ?? 'no limit'}`;
}

/** "1 active of 3", "0 active": for a teammate picker. */
export function activeLabel(member: { activeChatCount: number; maxConcurrentChats?: number | null }): string {
  return `${member.activeChatCount} active${member.maxConcurrentChats != null ? ` of ${member.maxConcurrentChats}` : ''}`;
}
