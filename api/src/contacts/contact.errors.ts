/** userError codes of contacts. */
export const ContactErrorCode = {
  /** No contact with this ID in the caller's account (another account's is not found either). */
  CONTACT_NOT_FOUND: 'CONTACT_NOT_FOUND',
  /** deleteContact: the contact was erased already. */
  CONTACT_ALREADY_ERASED: 'CONTACT_ALREADY_ERASED',
  /** exportContact: more is stored than one export holds (see the limits in contact-export.ts). */
  EXPORT_TOO_LARGE: 'EXPORT_TOO_LARGE',
} as const;
