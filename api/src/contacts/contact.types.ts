import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MutationPayload } from '../errors/user-error';
import { OrderDirection } from '../relay/order';
import { Contact } from './contact.entity';

@InputType('ContactFilter', { description: 'Narrows `contacts`; every given condition must hold.' })
export class ContactFilterInput {
  @Field(() => String, { nullable: true, description: 'Contacts with exactly this email address (case-insensitive).' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Contacts whose name or email contains this text (case-insensitive; 1 to 100 characters).' })
  query?: string | null;

  @Field(() => Date, { nullable: true, description: 'Contacts changed after this time: with `orderBy: { field: UPDATED_AT, direction: ASC }`, what changed since a previous sync.' })
  updatedAfter?: Date | null;
}

export enum ContactOrderField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ContactOrderField, {
  name: 'ContactOrderField',
  description: 'What contacts can be ordered by.',
  valuesConfig: {
    CREATED_AT: { description: 'When the contact was created.' },
    UPDATED_AT: { description: 'When the contact last changed (ties broken by ID).' },
  },
});

@InputType('ContactOrder', { description: 'How `contacts` are ordered.' })
export class ContactOrderInput {
  @Field(() => ContactOrderField, { description: 'The field to order by.' })
  field!: ContactOrderField;

  @Field(() => OrderDirection, { description: 'The direction.' })
  direction!: OrderDirection;
}

@ObjectType('DeleteContactPayload', { description: 'Result of `deleteContact`.' })
export class DeleteContactPayload extends MutationPayload {
  @Field(() => Contact, { nullable: true, description: 'The contact, erased: `erasedAt` set, no name, email or fields. It stays listed, so counts and timelines hold.' })
  contact?: Contact | null;

  @Field(() => ID, { nullable: true, description: 'The ID of the erased contact (the same as `contact.id`).' })
  deletedContactId?: string | null;

  @Field(() => Int, { nullable: true, description: 'How many conversations of the contact were erased (open ones were ended).' })
  erasedConversations?: number | null;

  @Field(() => Int, { nullable: true, description: 'How many messages now read “[erased]”.' })
  erasedMessages?: number | null;
}

@ObjectType('ExportContactPayload', { description: 'Result of `exportContact`.' })
export class ExportContactPayload extends MutationPayload {
  @Field(() => Contact, { nullable: true, description: 'The contact exported.' })
  contact?: Contact | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'Everything stored about the contact, as JSON (`format: "chatonce.contact-export.v1"`): `contact`, `conversations` (each with its `messages`, internal notes included, `rating` and `offlineMessage`) and `activityEvents`, oldest first, with global IDs.',
  })
  export?: Record<string, unknown> | null;
}
